/**
 * The views a finished run writes beside its data: the HTML report and the Markdown summary.
 * Composed here, in the CLI, because only the CLI may depend on both the run and reports/
 * (test/unit/project/layers.test.ts): the results layer is handed these, it does not know them.
 */
import type { ResultView } from '../results/write-results.js';
import { renderHtmlReport } from '../../reports/render-html.js';
import { renderMarkdownSummary } from '../../reports/render-markdown.js';

export const RUN_VIEWS: readonly ResultView[] = [
  { file: 'report.html', render: (run) => renderHtmlReport({ runs: [run] }) },
  { file: 'summary.md', render: (run) => renderMarkdownSummary({ runs: [run] }) },
];
