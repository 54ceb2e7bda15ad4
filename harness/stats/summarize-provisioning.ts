/**
 * A provisioning scenario's records, summarized (claims C7, C8): per method the time and bytes
 * per instance (median with a bootstrap 95% CI), the second reading of the total, the instance
 * started from a clone; per first-write target the median and p99 of each phase and the ratio
 * of first to second write (ratio of medians, bootstrap CI).
 */
import type { CowTarget, CowWriteResult, ProvisionBase, ProvisionMethod, ProvisionMethodResult, ProvisionRecord, ProvisionSample, ProvisionStart } from '../results/format.js';
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
  notMeasured: string | null;
  blocks: number;
  fileBytes: number;
  read: PhaseStats | null;
  first: PhaseStats | null;
  second: PhaseStats | null;
  reread: PhaseStats | null;
  openUs: number | null;
  /** median(first) ÷ median(second), with its bootstrap CI. */
  firstOverSecond: RatioOfMedians | null;
  bytesAfter: number | null;
  raw: Pick<CowWriteResult, 'readUs' | 'firstUs' | 'secondUs' | 'rereadUs'>;
}

export interface ProvisioningSummary {
  scenario: string;
  base: ProvisionBase | null;
  methods: MethodSummary[];
  writes: CowSummary[];
}

export function estimate(values: readonly number[]): Estimate | null {
  if (values.length === 0) return null;
  return { median: percentile(values, 50), ci95: bootstrapMedianCi(values), min: Math.min(...values), max: Math.max(...values), n: values.length };
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

function cowSummary(w: CowWriteResult): CowSummary {
  return {
    target: w.target, tool: w.tool, notMeasured: w.notMeasured, blocks: w.blocks, fileBytes: w.fileBytes,
    read: phase(w.readUs), first: phase(w.firstUs), second: phase(w.secondUs), reread: phase(w.rereadUs),
    openUs: w.openUs,
    firstOverSecond: w.firstUs.length && w.secondUs.length ? ratioOfMedians(w.firstUs, w.secondUs) : null,
    bytesAfter: w.bytesAfter,
    raw: { readUs: w.readUs, firstUs: w.firstUs, secondUs: w.secondUs, rereadUs: w.rereadUs },
  };
}

const METHOD_ORDER: ProvisionMethod[] = ['copy', 'overlay', 'btrfs', 'qcow2'];
const TARGET_ORDER: CowTarget[] = ['plain', 'overlay', 'btrfs', 'qcow2'];

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
      methods: METHOD_ORDER.filter((m) => seen.has(m)).map((m) => methodSummary(results.find((r) => r.method === m), m, samples.filter((s) => s.method === m))),
      writes: TARGET_ORDER.flatMap((t) => writes.filter((w) => w.target === t).map(cowSummary)),
    };
  });
}

export const METHOD_LABELS: Record<ProvisionMethod, string> = {
  copy: 'full copy (cp -a)', overlay: 'overlayfs', btrfs: 'btrfs snapshot', qcow2: 'qcow2 backing file',
};
export const TARGET_LABELS: Record<CowTarget, string> = {
  plain: 'plain file (control)', overlay: 'overlayfs file', btrfs: 'btrfs snapshot file', qcow2: 'qcow2 overlay (qemu-io)',
};
