/**
 * `vmbench report DIR [DIR…]`: re-render a report from saved results; several dirs give a
 * comparison report. An interrupted run renders too, marked incomplete.
 */
import { resolve, join } from 'node:path';
import { readResults } from '../../results/read-results.js';
import { writeFileAtomic } from '../../results/atomic-write.js';
import { summarize } from '../../stats/summarize.js';
import { withDensity } from '../../stats/summarize-density.js';
import { renderHtmlReport } from '../../../reports/render-html.js';
import { renderMarkdownSummary } from '../../../reports/render-markdown.js';
import type { RunData } from '../../../reports/report-input.js';
import { UserError } from '../exit-codes.js';

export async function reportCommand(dirs: string[], flags: { out?: string; format?: string }): Promise<number> {
  const format = flags.format ?? 'html';
  if (format !== 'html' && format !== 'markdown') throw new UserError(`--format: expected html or markdown, found "${format}"`);
  const runs: RunData[] = dirs.map((d) => {
    const dir = resolve(d);
    let results;
    try {
      results = readResults(dir);
    } catch (error) {
      throw new UserError(`cannot read results: ${(error as Error).message}`);
    }
    for (const p of results.problems) process.stderr.write(`note: ${dir}: ${p}\n`);
    const summary = results.summary
      ?? withDensity(summarize(results.meta.runId, results.samples, results.meta.status === 'complete'), results.density, results.env.memTotalBytes);
    return { dir, meta: results.meta, env: results.env, samples: results.samples, density: results.density, summary };
  });
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
