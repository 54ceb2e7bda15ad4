/**
 * `vmbench calibrate`: how much the harness's own launch path adds to what it times, on this host.
 * The same command — a raw-namespace container running the hello workload, and a static busybox
 * echo (the launch floor) — is timed launch → marker line, interleaved A B C A B C …, by:
 *   lean     lean-launch.c: posix_spawn, read the pipe, CLOCK_MONOTONIC (the reference)
 *   native   the harness with vmbench-launcher (what `vmbench run` uses when it is built)
 *   node     the harness with child_process.spawn (the fallback)
 * and, when installed, hyperfine -N (launch → exit: a different end point, shown for reference).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ProcessInstance } from '../process/process-instance.js';
import type { LauncherKind } from '../process/launch.js';
import { containerPhases } from '../runtimes/phases.js';
import { unshareArgv } from '../runtimes/namespaces/argv.js';
import { bootstrapMedianCi } from '../stats/bootstrap.js';
import { percentile } from '../stats/percentile.js';
import { findExecutable } from '../host/find-executable.js';

const run = promisify(execFile);
export { LEAN_LAUNCH_PATH } from './lean-launch-path.js';
import { LEAN_LAUNCH_PATH } from './lean-launch-path.js';

export type CalibrationPath = 'lean' | LauncherKind;

export interface PathTiming {
  path: CalibrationPath;
  samplesMs: number[];
  medianMs: number;
  ci95: [number, number] | null;
  /** median − lean median, ms and % of the lean median. */
  overMs: number | null;
  overPercent: number | null;
}

export interface Calibration {
  iterations: number;
  /** namespaces hello, launch → ready marker. */
  container: PathTiming[];
  /** static busybox echo, launch → first output line. */
  floor: PathTiming[];
  /** hyperfine -N of the same container command, launch → exit; null when not installed. */
  hyperfine: { medianMs: number; meanMs: number; stddevMs: number; runs: number } | null;
  /** The goal: native within max(5 %, 0.3 ms) of lean; native floor ≤ 0.6 ms. */
  goal: { containerOk: boolean; floorOk: boolean; allowedMs: number };
}

export interface CalibrateInput {
  unsharePath: string;
  rootDir: string;
  busyboxPath: string;
  iterations: number;
  hyperfinePath?: string | null;
}

async function lean(marker: string, file: string, args: string[]): Promise<number> {
  const { stdout } = await run(LEAN_LAUNCH_PATH, [marker, file, ...args], { timeout: 10_000 });
  return Number(stdout.trim()) / 1e6;
}

async function harness(via: LauncherKind, file: string, args: string[], env: Record<string, string>): Promise<number> {
  const instance = new ProcessInstance('calibrate', { file, args, env, via }, 10_000, { phases: containerPhases });
  const ready = await instance.waitReady();
  await instance.stop();
  if (ready.state !== 'ready') throw new Error(`calibration launch (${via}) failed: ${ready.reason}`);
  return ready.startupMs;
}

function timing(path: CalibrationPath, samplesMs: number[], leanMedian: number | null): PathTiming {
  const medianMs = percentile(samplesMs, 50);
  return {
    path,
    samplesMs,
    medianMs,
    ci95: bootstrapMedianCi(samplesMs),
    overMs: leanMedian === null ? null : medianMs - leanMedian,
    overPercent: leanMedian === null ? null : (100 * (medianMs - leanMedian)) / leanMedian,
  };
}

/** Times each path `iterations` times, interleaved with a rotating order so drift hits all alike. */
async function interleaved(iterations: number, paths: Record<CalibrationPath, () => Promise<number>>): Promise<PathTiming[]> {
  const names = Object.keys(paths) as CalibrationPath[];
  const samples = new Map<CalibrationPath, number[]>(names.map((n) => [n, []]));
  for (const name of names) await paths[name](); // one warmup each: page cache, first exec
  for (let i = 0; i < iterations; i++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length]!;
      samples.get(name)!.push(await paths[name]());
    }
  }
  const leanMedian = percentile(samples.get('lean')!, 50);
  return names.map((n) => timing(n, samples.get(n)!, n === 'lean' ? null : leanMedian));
}

async function hyperfine(path: string, command: string[], runs: number): Promise<Calibration['hyperfine']> {
  const dir = mkdtempSync(join(tmpdir(), 'vmbench-calibrate-'));
  try {
    const out = join(dir, 'hyperfine.json');
    // -N: no shell, so the figure is the command alone; the command is one argv-safe string.
    await run(path, ['-N', '--warmup', '3', '--runs', String(runs), '--export-json', out, command.join(' ')], { timeout: 120_000 });
    const r = (JSON.parse(readFileSync(out, 'utf8')) as { results: { median: number; mean: number; stddev: number; times: number[] }[] })
      .results[0]!;
    return { medianMs: r.median * 1000, meanMs: r.mean * 1000, stddevMs: r.stddev * 1000, runs: r.times.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function calibrate(input: CalibrateInput): Promise<Calibration> {
  if (!existsSync(LEAN_LAUNCH_PATH)) throw new Error(`${LEAN_LAUNCH_PATH} is missing (scripts/build-launcher.sh builds it)`);
  const args = unshareArgv(input.rootDir, 'hello');
  const env = { PATH: '/bin' };
  const container = await interleaved(input.iterations, {
    lean: () => lean('VMBENCH_READY', input.unsharePath, args),
    native: () => harness('native', input.unsharePath, args, env),
    node: () => harness('node', input.unsharePath, args, env),
  });
  const echo = ['echo', 'VMBENCH_READY'];
  const floor = await interleaved(input.iterations, {
    lean: () => lean('VMBENCH_READY', input.busyboxPath, echo),
    native: () => harness('native', input.busyboxPath, echo, env),
    node: () => harness('node', input.busyboxPath, echo, env),
  });
  const hyperfinePath = input.hyperfinePath === undefined ? findExecutable('hyperfine') : input.hyperfinePath;
  const hf =
    hyperfinePath && !/\s/.test(args.join('')) ? await hyperfine(hyperfinePath, [input.unsharePath, ...args], input.iterations) : null;
  const leanMedian = container.find((t) => t.path === 'lean')!.medianMs;
  const allowedMs = Math.max(0.05 * leanMedian, 0.3);
  const native = (list: PathTiming[]): PathTiming => list.find((t) => t.path === 'native')!;
  return {
    iterations: input.iterations,
    container,
    floor,
    hyperfine: hf,
    goal: { containerOk: native(container).overMs! <= allowedMs, floorOk: native(floor).medianMs <= 0.6, allowedMs },
  };
}
