/**
 * `vmbench report DIR [DIR…]`: re-render a report from saved results; several dirs give a
 * comparison report. An interrupted run renders too, marked incomplete.
 */
import { resolve, join } from 'node:path';
import { writeFileAtomic } from '../../results/atomic-write.js';
import { renderHtmlReport } from '../../../reports/render-html.js';
import { renderMarkdownSummary } from '../../../reports/render-markdown.js';
import type { RunData } from '../../results/run-data.js';
import { UserError } from '../exit-codes.js';
import { readRunData } from './read-run-data.js';

export async function reportCommand(dirs: string[], flags: { out?: string; format?: string }): Promise<number> {
  const format = flags.format ?? 'html';
  if (format !== 'html' && format !== 'markdown') throw new UserError(`--format: expected html or markdown, found "${format}"`);
  const runs: RunData[] = dirs.map((d) => readRunData(resolve(d)));
  const input = { runs };
  if (format === 'markdown') {
    const md = renderMarkdownSummary(input);
    if (flags.out) await writeFileAtomic(resolve(flags.out), md);
    else process.stdout.write(md);
    return 0;
  }
  const out = resolve(flags.out ?? join(runs[0]!.dir, runs.length > 1 ? 'comparison.html' : 'report.html'));
  await writeFileAtomic(out, renderHtmlReport(input));
  process.stdout.write(`Report written: ${out}\n`);
  return 0;
}
