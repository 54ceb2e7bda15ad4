/**
 * A provisioning scenario's records, summarized (claims C7, C8): per method the time and bytes
 * per instance (median with a bootstrap 95% CI), the second reading of the total, the instance
 * started from a clone; per first-write target the median and p99 of each phase and the ratio
 * of first to second write (ratio of medians, bootstrap CI).
 */
import type {
  CowTarget,
  CowWriteResult,
  ProvisionBase,
  ProvisionMethod,
  ProvisionMethodResult,
  ProvisionRecord,
  ProvisionSample,
  ProvisionStart,
} from '../results/format.js';
import { bootstrapMedianCi } from './bootstrap.js';
import { percentile } from './percentile.js';
import { ratioOfMedians, type RatioOfMedians } from './ratio.js';

export interface Estimate {
  median: number;
  ci95: [number, number] | null;
  min: number;
  max: number;
  n: number;
}

export interface MethodSummary {
  method: ProvisionMethod;
  notMeasured: string | null;
  command: string;
  bytesSource: string;
  totalSource: string;
  detail: string | null;
  setupMs: number | null;
  ok: number;
  failed: number;
  firstError: string | null;
  ms: Estimate | null;
  syncMs: Estimate | null;
  bytes: Estimate | null;
  totalBytes: number | null;
  /** totalBytes ÷ instances made: the second reading, per instance. */
  totalPerInstance: number | null;
  start: ProvisionStart | null;
  /** The raw per-instance times, ms (for ratios and charts). */
  times: number[];
}

export interface PhaseStats {
  median: number;
  p99: number;
  n: number;
}

export interface CowSummary {
  target: CowTarget;
  tool: CowWriteResult['tool'];
  /** Why no round was measured (the first reason); null when at least one was. */
  notMeasured: string | null;
  /** Rounds measured (each on a fresh clone). */
  rounds: number;
  blocks: number;
  fileBytes: number;
  /** Over every operation of every round. */
  read: PhaseStats | null;
  first: PhaseStats | null;
  second: PhaseStats | null;
  reread: PhaseStats | null;
  /** Median over the rounds of the open for writing (overlayfs: the copy-up), µs. */
  openUs: number | null;
  /** median(first) ÷ median(second) over every operation, with its bootstrap CI. */
  firstOverSecond: RatioOfMedians | null;
  /** The same ratio in each round. */
  roundRatios: number[];
  /** Per round, this target's ratio ÷ its control's (CONTROL_OF) in the same round: median and CI over the rounds (null for a control, or without one). */
  excessOverControl: Estimate | null;
  /** Median over the rounds of what the clone held of its own after the writes. */
  bytesAfter: number | null;
}

export interface ProvisioningSummary {
  scenario: string;
  base: ProvisionBase | null;
  methods: MethodSummary[];
  writes: CowSummary[];
}

export function estimate(values: readonly number[]): Estimate | null {
  if (values.length === 0) return null;
  return {
    median: percentile(values, 50),
    ci95: bootstrapMedianCi(values),
    min: Math.min(...values),
    max: Math.max(...values),
    n: values.length,
  };
}

function phase(values: readonly number[]): PhaseStats | null {
  return values.length === 0 ? null : { median: percentile(values, 50), p99: percentile(values, 99), n: values.length };
}

function methodSummary(result: ProvisionMethodResult | undefined, method: ProvisionMethod, samples: ProvisionSample[]): MethodSummary {
  const ok = samples.filter((s) => s.outcome === 'ok');
  const nums = (f: (s: ProvisionSample) => number | null): number[] => ok.map(f).filter((v): v is number => v !== null);
  const times = nums((s) => s.ms);
  const total = result?.totalBytes ?? null;
  return {
    method,
    notMeasured: result?.notMeasured ?? (samples.length === 0 ? 'no instance was made (the run ended first)' : null),
    command: result?.command ?? '',
    bytesSource: result?.bytesSource ?? '',
    totalSource: result?.totalSource ?? '',
    detail: result?.detail ?? null,
    setupMs: result?.setupMs ?? null,
    ok: ok.length,
    failed: samples.length - ok.length,
    firstError: samples.find((s) => s.error !== null)?.error ?? null,
    ms: estimate(times),
    syncMs: estimate(nums((s) => s.syncMs)),
    bytes: estimate(nums((s) => s.bytes)),
    totalBytes: total,
    totalPerInstance: total === null || ok.length === 0 ? null : total / ok.length,
    start: result?.start ?? null,
    times,
  };
}

const medianOrNull = (values: (number | null)[]): number | null => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? percentile(known, 50) : null;
};

function roundRatio(w: CowWriteResult): number | null {
  return w.firstUs.length && w.secondUs.length ? percentile(w.firstUs, 50) / percentile(w.secondUs, 50) : null;
}

function cowSummary(target: CowTarget, all: CowWriteResult[], control: CowWriteResult[]): CowSummary {
  const ok = all.filter((w) => w.notMeasured === null);
  const pooled = (f: (w: CowWriteResult) => number[]): number[] => ok.flatMap(f);
  const first = pooled((w) => w.firstUs);
  const second = pooled((w) => w.secondUs);
  const controlByRound = new Map(control.filter((c) => c.notMeasured === null).map((c) => [c.round, roundRatio(c)]));
  const excess =
    CONTROL_OF[target] === null
      ? []
      : ok.flatMap((w) => {
          const mine = roundRatio(w);
          const theirs = controlByRound.get(w.round);
          return mine === null || theirs === null || theirs === undefined ? [] : [mine / theirs];
        });
  return {
    target,
    tool: all[0]!.tool,
    notMeasured: ok.length === 0 ? all[0]!.notMeasured : null,
    rounds: ok.length,
    blocks: all[0]!.blocks,
    fileBytes: all[0]!.fileBytes,
    read: phase(pooled((w) => w.readUs)),
    first: phase(first),
    second: phase(second),
    reread: phase(pooled((w) => w.rereadUs)),
    openUs: medianOrNull(ok.map((w) => w.openUs)),
    firstOverSecond: first.length && second.length ? ratioOfMedians(first, second) : null,
    roundRatios: ok.map(roundRatio).filter((v): v is number => v !== null),
    excessOverControl: estimate(excess),
    bytesAfter: medianOrNull(ok.map((w) => w.bytesAfter)),
  };
}

const METHOD_ORDER: ProvisionMethod[] = ['copy', 'overlay', 'btrfs', 'qcow2'];
const TARGET_ORDER: CowTarget[] = ['plain', 'btrfs-plain', 'overlay', 'btrfs', 'qcow2'];

/** Each clone's control: a plain file on the file system its writes reach (null: it is a control). */
export const CONTROL_OF: Record<CowTarget, CowTarget | null> = {
  plain: null,
  'btrfs-plain': null,
  overlay: 'plain',
  btrfs: 'btrfs-plain',
  qcow2: 'plain',
};

export function summarizeProvisioning(records: readonly ProvisionRecord[]): ProvisioningSummary[] {
  const scenarios = [...new Set(records.map((r) => r.scenario))];
  return scenarios.map((scenario) => {
    const mine = records.filter((r) => r.scenario === scenario);
    const samples = mine.filter((r): r is ProvisionSample => r.type === 'provision-sample');
    const results = mine.filter((r): r is ProvisionMethodResult => r.type === 'provision-method');
    const seen = new Set<ProvisionMethod>([...samples.map((s) => s.method), ...results.map((r) => r.method)]);
    const writes = mine.filter((r): r is CowWriteResult => r.type === 'cow-write');
    return {
      scenario,
      base: mine.find((r): r is ProvisionBase => r.type === 'provision-base') ?? null,
      methods: METHOD_ORDER.filter((m) => seen.has(m)).map((m) =>
        methodSummary(
          results.find((r) => r.method === m),
          m,
          samples.filter((s) => s.method === m),
        ),
      ),
      writes: TARGET_ORDER.flatMap((t) => {
        const mineW = writes.filter((w) => w.target === t);
        const control = CONTROL_OF[t];
        return mineW.length ? [cowSummary(t, mineW, control === null ? [] : writes.filter((w) => w.target === control))] : [];
      }),
    };
  });
}

export const METHOD_LABELS: Record<ProvisionMethod, string> = {
  copy: 'full copy (cp -a)',
  overlay: 'overlayfs',
  btrfs: 'btrfs snapshot',
  qcow2: 'qcow2 backing file',
};
export const TARGET_LABELS: Record<CowTarget, string> = {
  plain: 'plain file (control)',
  'btrfs-plain': 'plain file on the btrfs (its control)',
  overlay: 'overlayfs file',
  btrfs: 'btrfs snapshot file',
  qcow2: 'qcow2 overlay (qemu-io)',
};
