/**
 * The run pipeline without the CLI and without real instances: a fake backend (FakeRuntime),
 * a synthetic host (MemAvailable falling 2 MiB per instance), a scratch journal and results dir.
 * Drives it through a startup scenario, a density scenario and an interrupt (the real SIGINT
 * handler, reached by emitting the signal on this process), and checks what a run must leave:
 * every record in its sample log and in the outcome, run.json's final status, the views
 * written, no instance live, the journal closed and removed, the signal handlers gone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline } from '../../../harness/run/run-pipeline.js';
import type { RunSeams } from '../../../harness/run/seams.js';
import { RunRefused } from '../../../harness/run/run-refused.js';
import { FakeRuntime, type FakeOutcome } from '../../../harness/runtimes/fake/fake-runtime.js';
import type { HostContext } from '../../../harness/host/host-context.js';
import type { DensityEnd, DensityStep, EnvInfo, RunMeta } from '../../../harness/results/format.js';
import type { Scenario, DensityOptions, RuntimeSpec } from '../../../harness/scenario/types.js';
import type { Instance, StartRequest } from '../../../harness/runtimes/runtime.js';

const MiB = 2 ** 20;
const spec = (name: string): RuntimeSpec => ({ name, type: 'namespaces', userNamespace: false });

const scenario = (over: Partial<Scenario>): Scenario => ({
  name: 'fake',
  description: '',
  file: '/x.yaml',
  workload: 'hello',
  workloads: [],
  metrics: ['startup', 'teardown'],
  iterations: 3,
  warmup: 1,
  order: 'interleaved',
  timeoutMs: 1000,
  runtimes: [spec('ct-a'), spec('ct-b')],
  density: null,
  ...over,
});
const density = (max: number): DensityOptions => ({
  max,
  maxPerRuntime: {},
  reserveBytes: 1024 * MiB,
  reservePercent: 0,
  startupLimitMs: 30_000,
  failureStreak: 3,
  ksm: false,
  ksmTimeoutMs: 1000,
  dropCaches: false,
});

const host = {
  tools: {},
  isRoot: true,
  cgroupMode: 'v2',
  cacheRoot: '/nonexistent',
  busybox: { error: 'not needed' },
  kernel: { error: 'not needed' },
  image: { key: 'fake', dir: '/nonexistent', rootDir: '/nonexistent' },
  kvm: null,
  probes: {},
  tscKhz: null,
} as unknown as HostContext;

/** A backend of fake runtimes; `onStart` sees every start (to interrupt the run from inside it). */
function fakeSeams(root: string, outcomes: FakeOutcome[], onStart: (n: number) => void = () => {}) {
  const runtimes: FakeRuntime[] = [];
  let starts = 0;
  let memAvailable = 8192 * MiB;
  const seams: Partial<RunSeams> = {
    prepareHost: async () => host,
    availability: (s) => (s.name === 'ct-broken' ? { usable: false, reason: 'fake: not on this host' } : { usable: true, detail: 'fake' }),
    createRuntime: (s) => {
      const rt = new FakeRuntime(s.name, 'container', outcomes);
      const start = rt.start.bind(rt);
      rt.start = (request: StartRequest): Instance => {
        const instance = start(request);
        memAvailable -= 2 * MiB;
        onStart(++starts);
        return instance;
      };
      runtimes.push(rt);
      return rt;
    },
    journalDir: () => join(root, 'state'),
    startLauncher: () => null,
    measureOverhead: async () => ({
      timerOverheadNs: 20,
      markerScanNs: 100,
      launchFloorMs: 0.7,
      leanFloorMs: 0.7,
      launcher: { kind: 'node', reason: 'fake' },
    }),
    collectEnv: async (_host, harness) => ({ harness, memTotalBytes: 16384 * MiB, cgroupMode: 'v2' }) as unknown as EnvInfo,
    hostMemory: {
      settle: async () => ({ settled: true, ms: 0, lastDriftBytes: 0 }),
      meminfo: () => ({ memTotalBytes: 16384 * MiB, memAvailableBytes: memAvailable }),
      dropPageCache: () => false,
    },
    progress: () => () => {},
    densityProgress: () => () => {},
  };
  return { seams, runtimes, starts: () => starts };
}

const jsonl = (file: string): unknown[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as unknown);
const signalListeners = (): number => process.listenerCount('SIGINT') + process.listenerCount('SIGTERM');

let root: string;
const lines: string[] = [];
const log = (line: string): void => {
  lines.push(line);
};
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vmbench-pipeline-'));
  lines.length = 0;
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('runPipeline with a fake backend', () => {
  it('startup: skips an unusable runtime with its reason, measures the rest, writes the results and the views', async () => {
    const fake = fakeSeams(root, [{ ready: 5, teardown: 1 }]);
    const listeners = signalListeners();
    const views = [{ file: 'view.txt', render: (run: { samples: unknown[] }) => `${run.samples.length} samples\n` }];
    const outcome = await runPipeline({
      scenarios: [scenario({ runtimes: [spec('ct-a'), spec('ct-broken'), spec('ct-b')] })],
      outRoot: join(root, 'out'),
      argv: ['run'],
      views,
      log,
      seams: fake.seams,
    });
    expect(outcome).toMatchObject({ status: 'complete', failures: 0, logProblem: null, writeProblem: null });
    expect(fake.starts()).toBe(8); // (1 warmup + 3) × 2 usable runtimes
    const meta = JSON.parse(readFileSync(join(outcome.runDir, 'run.json'), 'utf8')) as RunMeta;
    expect(meta).toMatchObject({ status: 'complete', samples: 8, failures: 0, argv: ['run'] });
    expect(meta.skipped).toEqual([{ scenario: 'fake', runtime: 'ct-broken', reason: 'fake: not on this host' }]);
    expect(lines).toContain('skipping ct-broken in fake: fake: not on this host');
    expect(jsonl(join(outcome.runDir, 'samples.jsonl'))).toHaveLength(8);
    expect(readFileSync(join(outcome.runDir, 'view.txt'), 'utf8')).toBe('8 samples\n');
    expect(readdirSync(outcome.runDir).sort()).toEqual([
      'env.json',
      'run.json',
      'samples.csv',
      'samples.jsonl',
      'summary.json',
      'view.txt',
    ]);
    expect(fake.runtimes.every((r) => r.live.size === 0)).toBe(true);
    expect(readdirSync(join(root, 'state'))).toEqual([]); // the journal is removed at the end
    expect(signalListeners()).toBe(listeners);
  });

  it('density: every runtime up to its maximum, steps and ends in density.jsonl with one sequence, all torn down', async () => {
    const fake = fakeSeams(root, [{ ready: 4, teardown: 1 }]);
    const outcome = await runPipeline({
      scenarios: [scenario({ name: 'dens', workload: 'idle', metrics: ['memory', 'density'], density: density(6) })],
      outRoot: join(root, 'out'),
      argv: [],
      views: [],
      log,
      seams: fake.seams,
    });
    expect(outcome.status).toBe('complete');
    const records = jsonl(join(outcome.runDir, 'density.jsonl')) as (DensityStep | DensityEnd)[];
    expect(records.map((r) => `${r.runtime}:${r.type === 'density-step' ? r.running : 'end'}`)).toEqual([
      ...[1, 2, 3, 4, 5, 6].map((n) => `ct-a:${n}`),
      'ct-a:end',
      ...[1, 2, 3, 4, 5, 6].map((n) => `ct-b:${n}`),
      'ct-b:end',
    ]);
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i));
    const ends = records.filter((r): r is DensityEnd => r.type === 'density-end');
    expect(ends.map((e) => [e.instances, e.stopReason])).toEqual([
      [6, 'max'],
      [6, 'max'],
    ]);
    // The synthetic host lost 2 MiB per instance: the summary's slope says so.
    const perRuntime = outcome.summary.density!;
    expect(perRuntime.map((r) => r.runtime)).toEqual(['ct-a', 'ct-b']);
    expect(perRuntime[0]!.marginalSystem!.slope / MiB).toBeCloseTo(2, 5);
    expect(lines.some((l) => l.includes('ct-b: 6 instances; stopped:'))).toBe(true);
    expect(fake.runtimes.every((r) => r.live.size === 0)).toBe(true);
    expect(existsSync(join(outcome.runDir, 'density.csv'))).toBe(true);
  });

  it('an interrupt (SIGINT) mid-density stops launching, tears down what is up, keeps the records and ends as interrupted', async () => {
    const listeners = signalListeners();
    const fake = fakeSeams(root, [{ ready: 4, teardown: 1 }], (n) => {
      if (n === 3) process.emit('SIGINT', 'SIGINT');
    });
    const outcome = await runPipeline({
      scenarios: [scenario({ name: 'dens', workload: 'idle', metrics: ['memory', 'density'], density: density(50) })],
      outRoot: join(root, 'out'),
      argv: [],
      views: [],
      log,
      seams: fake.seams,
    });
    expect(outcome.status).toBe('interrupted');
    expect(fake.starts()).toBe(3); // the third launch finishes, no fourth, and ct-b never starts
    const records = jsonl(join(outcome.runDir, 'density.jsonl')) as (DensityStep | DensityEnd)[];
    expect(records.map((r) => r.type)).toEqual(['density-step', 'density-step', 'density-step', 'density-end']);
    expect(records[3]).toMatchObject({ runtime: 'ct-a', instances: 3, stopReason: 'interrupted' });
    expect(JSON.parse(readFileSync(join(outcome.runDir, 'run.json'), 'utf8'))).toMatchObject({ status: 'interrupted' });
    expect(lines.some((l) => l.includes('SIGINT: stopping'))).toBe(true);
    expect(fake.runtimes.every((r) => r.live.size === 0)).toBe(true);
    expect(readdirSync(join(root, 'state'))).toEqual([]);
    expect(signalListeners()).toBe(listeners);
  });

  it('refuses a run in which nothing can run, before making a run directory or a journal', async () => {
    const fake = fakeSeams(root, [{ ready: 5 }]);
    await expect(
      runPipeline({
        scenarios: [scenario({ runtimes: [spec('ct-broken')] })],
        outRoot: join(root, 'out'),
        argv: [],
        views: [],
        log,
        seams: fake.seams,
      }),
    ).rejects.toThrow(RunRefused);
    expect(fake.starts()).toBe(0);
    expect(existsSync(join(root, 'out'))).toBe(false);
    expect(existsSync(join(root, 'state'))).toBe(false);
  });
});
