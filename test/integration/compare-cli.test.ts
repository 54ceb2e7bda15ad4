/**
 * `vmbench compare` as a user runs it, on result directories written to disk (fixture runs: no
 * instance is started, so no lock is needed): the table, the exit codes of --fail-on, --json,
 * the HTML report, and a bad thresholds file refused with its position.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeResultFiles } from '../../harness/results/write-results.js';
import { RUN_VIEWS } from '../../harness/cli/report-views.js';
import { makeRunData } from '../fixtures/report/make-run-data.js';
import { vmbench } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'vmbench-compare-cli-'));
const dirs: Record<string, string> = {};

beforeAll(async () => {
  for (const [name, seed, scale] of [
    ['base', 1, 1],
    ['same', 2, 1],
    ['slow', 3, 1.3],
  ] as const) {
    const run = makeRunData({ runId: name, seed, scale, resamples: 200 });
    const dir = join(root, name);
    mkdirSync(dir);
    await writeResultFiles(
      dir,
      { meta: run.meta, env: run.env, samples: run.samples, density: run.density, summary: run.summary },
      RUN_VIEWS,
    );
    writeFileSync(join(dir, 'samples.jsonl'), run.samples.map((s) => `${JSON.stringify(s)}\n`).join(''));
    writeFileSync(join(dir, 'density.jsonl'), run.density.map((s) => `${JSON.stringify(s)}\n`).join(''));
    dirs[name] = dir;
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('vmbench compare', () => {
  it('finds nothing in a rerun of the same configuration and exits 0 even with --fail-on regression', async () => {
    const r = await vmbench(['compare', '--fail-on', 'regression', dirs.base!, dirs.same!]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/0 regressed, 0 improved, \d+ no significant change/);
    expect(r.stdout).toContain("Holm's correction");
    expect(r.stdout).toMatch(/busybox-echo\/qemu-q35\/startup .* no significant change \(could detect ±/);
  });

  it('exits 1 with --fail-on regression when a run is 30 % slower, 0 without the flag', async () => {
    const gated = await vmbench(['compare', '--fail-on', 'regression', dirs.base!, dirs.slow!]);
    expect(gated.exitCode).toBe(1);
    expect(gated.stdout).toMatch(/busybox-echo\/qemu-q35\/startup .* regressed/);
    expect((await vmbench(['compare', dirs.base!, dirs.slow!])).exitCode).toBe(0);
  });

  it('prints JSON and writes the HTML comparison report', async () => {
    const html = join(root, 'comparison.html');
    const r = await vmbench(['compare', '--json', '--html', html, dirs.base!, dirs.same!, dirs.slow!]);
    expect(r.exitCode).toBe(0);
    const result = JSON.parse(r.stdout) as { correction: string; pairs: Array<{ otherRuns: string[] }>; regressed: number };
    expect(result.correction).toBe('holm');
    expect(result.pairs.map((p) => p.otherRuns)).toEqual([['same'], ['slow']]);
    expect(result.regressed).toBeGreaterThan(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('id="forest-2"');
    expect(page).toContain('verdict-regressed');
  });

  it('refuses a bad thresholds file with file:line:column, field, expected and found (exit 2)', async () => {
    const file = join(root, 'bad.yaml');
    writeFileSync(file, 'alpha: 0.01\nmetrics:\n  - metric: startup\n    minEffect: big\n');
    const r = await vmbench(['compare', '--baseline', file, dirs.base!, dirs.same!]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${file}:4:16: metrics[0].minEffect: expected a percentage from 0% to 1000%, like 5%, found "big"`);
  });

  it('refuses bad flags and a directory that is not a run (exit 2)', async () => {
    expect((await vmbench(['compare', '--fail-on', 'slowness', dirs.base!, dirs.same!])).stderr).toMatch(
      /--fail-on: expected regression .* found "slowness"/,
    );
    expect((await vmbench(['compare', '--min-effect', 'x', dirs.base!, dirs.same!])).exitCode).toBe(2);
    const notRun = await vmbench(['compare', dirs.base!, root]);
    expect(notRun.exitCode).toBe(2);
    expect(notRun.stderr).toMatch(/cannot read results/);
  });
});
