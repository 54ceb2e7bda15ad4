import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EnvInfo, RunMeta, Summary } from '../../../harness/results/format.js';
import { RESULTS_FORMAT_VERSION } from '../../../harness/results/format.js';
import { readResults, UnsupportedFormatVersionError } from '../../../harness/results/read-results.js';
import { SampleLog } from '../../../harness/results/sample-log.js';
import { makeSample, useTempDirs } from './helpers.js';

const meta: RunMeta = {
  formatVersion: 1,
  runId: '20261129-084307-a1b2',
  startedAt: '2026-11-29T08:43:07.000Z',
  finishedAt: '2026-11-29T08:45:00.000Z',
  status: 'complete',
  argv: ['run', 'scenarios/minimal.yaml'],
  scenarios: [],
  samples: 2,
  failures: 0,
  skipped: [],
};

const env = {
  formatVersion: 1,
  vmbenchVersion: '0.1.0',
  hostKernel: '6.8.0',
} as unknown as EnvInfo; // the reader does not inspect env fields beyond formatVersion

const summary: Summary = { formatVersion: 1, runId: meta.runId, complete: true, runtimes: [], comparisons: [], warnings: [] };

describe('readResults', () => {
  const tempDir = useTempDirs();

  function writeRun(over: { meta?: unknown; summary?: unknown } = {}): string {
    const dir = tempDir();
    writeFileSync(join(dir, 'run.json'), JSON.stringify(over.meta ?? meta));
    writeFileSync(join(dir, 'env.json'), JSON.stringify(env));
    if (over.summary !== null) writeFileSync(join(dir, 'summary.json'), JSON.stringify(over.summary ?? summary));
    const log = new SampleLog(dir);
    log.append(makeSample({ seq: 0 }));
    log.append(makeSample({ seq: 1 }));
    log.close();
    return dir;
  }

  it('round-trips a complete run without problems', () => {
    const r = readResults(writeRun());
    expect(r.meta).toEqual(meta);
    expect(r.env).toEqual(env);
    expect(r.summary).toEqual(summary);
    expect(r.samples).toEqual([makeSample({ seq: 0 }), makeSample({ seq: 1 })]);
    expect(r.problems).toEqual([]);
  });

  it('skips a truncated last line with a problem message', () => {
    const dir = writeRun({ meta: { ...meta, status: 'interrupted' }, summary: null });
    writeFileSync(join(dir, 'samples.jsonl'), `${JSON.stringify(makeSample())}\n{"type":"startup","seq":1,"sce`);
    const r = readResults(dir);
    expect(r.samples).toHaveLength(1);
    expect(r.summary).toBeNull();
    expect(r.problems).toEqual([
      'The run ended early (interrupted); results cover only the samples measured before that.',
      `${join(dir, 'samples.jsonl')}: the last line (2) is incomplete, probably because the run was killed while writing it; that sample was skipped.`,
      `${join(dir, 'summary.json')} is missing: the run did not get as far as summarizing.`,
    ]);
  });

  it('skips damaged and unknown lines in the middle', () => {
    const dir = writeRun();
    writeFileSync(
      join(dir, 'samples.jsonl'),
      ['{"broken', JSON.stringify({ type: 'future-kind' }), JSON.stringify(makeSample()), ''].join('\n'),
    );
    const r = readResults(dir);
    expect(r.samples).toHaveLength(1);
    expect(r.problems).toHaveLength(2);
    expect(r.problems[0]).toContain('line 1 is not valid JSON');
    expect(r.problems[1]).toContain('line 2 is not one of the startup samples this vmbench understands (type "future-kind")');
  });

  it('notes a run that still says running and a missing samples file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ ...meta, status: 'running' }));
    writeFileSync(join(dir, 'env.json'), JSON.stringify(env));
    const r = readResults(dir);
    expect(r.samples).toEqual([]);
    expect(r.problems.join('\n')).toMatch(/still says the run is running/);
    expect(r.problems.join('\n')).toMatch(/samples\.jsonl is missing/);
  });

  it('fails clearly when the directory or run.json is missing', () => {
    const missing = join(tempDir(), 'nope');
    expect(() => readResults(missing)).toThrow(`results directory ${missing} does not exist; expected a vmbench run directory`);
    const empty = tempDir();
    expect(() => readResults(empty)).toThrow(
      `${join(empty, 'run.json')} is missing; expected the run metadata (RunMeta) written when a run starts. Is ${empty} a vmbench run directory`,
    );
    const file = join(empty, 'file');
    writeFileSync(file, '');
    expect(() => readResults(file)).toThrow(`${file} is not a directory`);
  });

  it('fails clearly on invalid JSON in run.json', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'run.json'), '{');
    expect(() => readResults(dir)).toThrow(`${join(dir, 'run.json')} is not valid JSON`);
  });

  it('refuses a newer format version, naming both versions', () => {
    const newer = RESULTS_FORMAT_VERSION + 1;
    const dir = writeRun({ meta: { ...meta, formatVersion: newer } });
    expect(() => readResults(dir)).toThrow(UnsupportedFormatVersionError);
    expect(() => readResults(dir)).toThrow(`uses results format version ${newer}, but this vmbench reads format version ${RESULTS_FORMAT_VERSION} at most`);
    const dir2 = writeRun({ summary: { ...summary, formatVersion: newer + 1 } });
    expect(() => readResults(dir2)).toThrow(`${join(dir2, 'summary.json')} uses results format version ${newer + 1}`);
  });

  it('ignores a damaged summary with a problem, since it can be recomputed', () => {
    const dir = writeRun();
    writeFileSync(join(dir, 'summary.json'), '{"formatVersion":1,');
    const r = readResults(dir);
    expect(r.summary).toBeNull();
    expect(r.problems[0]).toMatch(/summary\.json is not valid JSON .*; the summary was ignored\.$/);
  });

  it('rejects a run.json without formatVersion', () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ runId: 'x' }));
    expect(() => readResults(dir)).toThrow('has no valid formatVersion (found undefined)');
  });
});
