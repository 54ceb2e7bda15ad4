/**
 * A provisioning run (claims C7, C8): build the base, set up each method, make the instances
 * interleaved (copy, overlay, btrfs, qcow2, copy, …: a drift of the shared disk touches every
 * method alike), each followed by a syncfs and a reading of what it took; then read every
 * method's total a second way, start one instance from a clone of each, and run the first-write
 * test on a clone of each copy-on-write method and on a plain file. Everything made is journaled
 * under one harness entry and removed last-first on success, failure, timeout or Ctrl-C.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { InstanceTracker } from '../lifecycle/instance-tracker.js';
import type {
  CowTarget,
  CowWriteResult,
  ProvisionMethod,
  ProvisionMethodResult,
  ProvisionRecord,
  ProvisionStart,
} from '../results/format.js';
import type { ProvisioningOptions, Scenario } from '../scenario/types.js';
import type { Instance, Runtime } from '../runtimes/runtime.js';
import { buildBaseTree, PROBE_FILE } from './base-tree.js';
import { duBytes } from './space-used.js';
import { commandTimer, spawnFloorMs, timedCommand } from './timed-command.js';
import { NotMeasuredError, type Clone, type CloneMethod, type MethodContext, type Undo } from './methods/clone-method.js';
import { copyMethod } from './methods/copy.js';
import { overlayMethod } from './methods/overlay.js';
import { btrfsMethod } from './methods/btrfs.js';
import { qcow2Method } from './methods/qcow2.js';
import { probeFileBytes, runCowprobe, runQemuIo, STRIDE_BYTES, type ProbeLatencies } from './cow-probe.js';
import { qcow2CreateArgv } from './methods/qcow2.js';
import { CLONE_WORKLOAD } from '../workloads/provisioning-scripts.js';

export interface ProvisioningRunOptions {
  runId: string;
  scenario: Scenario & { provisioning: ProvisioningOptions };
  /** The run's private work dir: everything goes in a subdirectory. */
  workDir: string;
  tracker: InstanceTracker;
  /** The image whose root tree the base starts from. */
  imageRootDir: string;
  /** A container runtime of the scenario whose instances run on the given root tree; null: none in the scenario. */
  containerOn: ((rootDir: string) => Runtime) | null;
  /** A VM runtime of the scenario (its clone comes as a virtio disk); null: none. */
  vm: Runtime | null;
  /** Host tools by name (null when missing). */
  tool: (name: string) => string | null;
  /** vmbench-cowprobe, built with the launcher; null when not built. */
  cowprobe: string | null;
  /** vmbench-timed, built with the launcher; null: commands are timed from the harness (a slower spawn, said so). */
  timer: string | null;
  seq: number;
  sink: (record: ProvisionRecord) => void;
  signal?: AbortSignal;
  live: Set<Instance>;
  log: (line: string) => void;
}

/** A record without the identity emit() adds (distributed over the union). */
type Body<T> = T extends unknown ? Omit<T, 'seq' | 'runId' | 'scenario'> : never;

const FACTORIES: Record<ProvisionMethod, (ctx: MethodContext) => CloneMethod> = {
  copy: copyMethod,
  overlay: overlayMethod,
  btrfs: btrfsMethod,
  qcow2: qcow2Method,
};
/** A method whose instances fail this many times in a row stops making more. */
const FAILURE_STREAK = 3;

function runUndo(undo: Undo[]): string[] {
  const problems: string[] = [];
  for (const step of undo.splice(0).reverse()) {
    try {
      const p = step();
      if (p) problems.push(p);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  return problems;
}

export async function runProvisioning(o: ProvisioningRunOptions): Promise<{ seq: number; problems: string[] }> {
  const opts = o.scenario.provisioning;
  let seq = o.seq;
  const id = { runId: o.runId, scenario: o.scenario.name };
  const emit = (record: Body<ProvisionRecord>): void => o.sink({ ...id, seq: seq++, ...record });
  const root = join(o.workDir, 'provisioning');
  const track = o.tracker.begin(`${o.runId.slice(-4)}-prov`, 'harness');
  track.resource('dir', root);
  const undo: Undo[] = [
    () => {
      rmSync(root, { recursive: true, force: true });
      return null;
    },
  ];
  const aborted = (): boolean => o.signal?.aborted === true;
  let problems: string[];
  try {
    mkdirSync(root, { recursive: true, mode: 0o700 });
    // The base: the image root plus generated files, on disk before anything is timed.
    const t0 = process.hrtime.bigint();
    const probeBytes = probeFileBytes(opts.writeBlocks);
    const imageBytes = duBytes(o.imageRootDir);
    const base = buildBaseTree(o.imageRootDir, join(root, 'base'), opts.baseBytes, probeBytes, imageBytes);
    timedCommand('sync', ['-f', base.dir]);
    const baseBytes = duBytes(base.dir);
    const truePath = o.tool('true') ?? '/bin/true';
    const timed = commandTimer(o.timer);
    emit({
      type: 'provision-base',
      baseBytes,
      files: base.files,
      setupMs: Number(process.hrtime.bigint() - t0) / 1e6,
      spawnFloorMs: spawnFloorMs(timed, truePath),
      timer: o.timer === null ? 'node' : 'vmbench-timed',
      workFs: fsType(root),
    });
    o.log(`  base: ${(baseBytes / 1024 / 1024).toFixed(0)} MiB in ${base.files} files`);

    const methods: { impl: CloneMethod; setupMs: number | null; clones: Clone[]; streak: number; notMeasured: string | null }[] = [];
    for (const method of opts.methods) {
      const dir = join(root, method);
      mkdirSync(dir, { recursive: true });
      const impl = FACTORIES[method]({ dir, base, baseBytes, track, undo, tool: o.tool, timed });
      try {
        methods.push({ impl, setupMs: impl.setUp(), clones: [], streak: 0, notMeasured: null });
      } catch (error) {
        if (!(error instanceof NotMeasuredError)) throw error;
        methods.push({ impl, setupMs: null, clones: [], streak: 0, notMeasured: error.message });
        o.log(`  ${method}: not measured: ${error.message}`);
      }
    }
    o.log(
      `  set up: ${
        methods
          .filter((m) => m.notMeasured === null)
          .map((m) => m.impl.method)
          .join(', ') || 'no method'
      }; making the instances`,
    );
    for (let index = 0; index < opts.instances && !aborted(); index++) {
      // Each command runs synchronously: yield once per instance so a Ctrl-C (the abort signal) is seen.
      await yieldToEventLoop();
      for (const m of methods) {
        if (m.notMeasured !== null || m.streak >= FAILURE_STREAK || aborted()) continue;
        if (m.impl.method === 'copy' && index >= opts.fullCopies) continue;
        const sample = {
          type: 'provision-sample' as const,
          method: m.impl.method,
          index,
          outcome: 'ok' as const,
          error: null,
          ms: null,
          syncMs: null,
          bytes: null,
        };
        try {
          const clone = m.impl.make(index);
          const sync = timedCommand('sync', ['-f', clone.syncPath]);
          const bytes = m.impl.bytes(clone);
          m.clones.push(clone);
          m.streak = 0;
          emit({ ...sample, ms: clone.ms, syncMs: sync.ms, bytes });
        } catch (error) {
          if (error instanceof NotMeasuredError) {
            m.notMeasured = error.message;
            o.log(`  ${m.impl.method}: not measured: ${error.message}`);
            continue;
          }
          m.streak++;
          emit({ ...sample, outcome: 'failed', error: (error as Error).message });
        }
      }
    }
    for (const m of methods) {
      if (aborted()) break;
      const total = m.notMeasured === null && m.clones.length > 0 ? m.impl.total() : null;
      const start = m.notMeasured === null && m.clones[0] ? await startOn(o, m.impl.method, m.clones[0], base.token) : null;
      const result: Body<ProvisionMethodResult> = {
        type: 'provision-method',
        method: m.impl.method,
        notMeasured: m.notMeasured,
        command: m.impl.command,
        bytesSource: m.impl.bytesSource,
        detail: m.impl.detail?.() ?? null,
        setupMs: m.setupMs,
        totalBytes: total,
        totalSource: m.impl.totalSource,
        start,
      };
      emit(result);
    }
    // The first-write test, in rounds: each on a fresh plain copy of the probe file (the control;
    // one on the btrfs too, the snapshot's own control) and a fresh clone of each copy-on-write method, one target after another, so a drift of the
    // disk over the test reaches every target alike and the rounds show the spread between clones.
    const targets: { target: CowTarget; file: (round: number) => string; tool: 'vmbench-cowprobe' | 'qemu-io' }[] = [
      {
        target: 'plain',
        tool: 'vmbench-cowprobe',
        file: (round) => {
          const f = join(root, `plain-${round}.bin`);
          copyFileSync(join(base.dir, PROBE_FILE), f);
          timedCommand('sync', ['-f', f]);
          return f;
        },
      },
    ];
    for (const m of methods) {
      const plainDir = m.impl.plainDir;
      if (plainDir && m.impl.method === 'btrfs') {
        // A fresh copy on the btrfs itself (from the ext4 base: a real copy, no shared extent).
        targets.push({
          target: 'btrfs-plain',
          tool: 'vmbench-cowprobe',
          file: (round) => {
            if (m.notMeasured !== null) throw new NotMeasuredError(m.notMeasured);
            const f = join(plainDir(), `plain-${round}.bin`);
            copyFileSync(join(base.dir, PROBE_FILE), f);
            timedCommand('sync', ['-f', f]);
            return f;
          },
        });
      }
      if (m.impl.method === 'overlay' || m.impl.method === 'btrfs') {
        targets.push({
          target: m.impl.method,
          tool: 'vmbench-cowprobe',
          file: (round) => {
            const clone = m.clones[round];
            if (!clone?.rootDir) throw new NotMeasuredError(m.notMeasured ?? `no clone ${round} was made`);
            return join(clone.rootDir, PROBE_FILE);
          },
        });
      } else if (m.impl.method === 'qcow2') {
        targets.push({
          target: 'qcow2',
          tool: 'qemu-io',
          file: (round) => {
            if (m.notMeasured !== null) throw new NotMeasuredError(m.notMeasured);
            const f = join(root, 'qcow2', `probe-${round}.qcow2`);
            track.resource('file', f);
            timedCommand(o.tool('qemu-img') ?? 'qemu-img', qcow2CreateArgv(join(base.dir, PROBE_FILE), 'raw', f));
            return f;
          },
        });
      }
    }
    for (let round = 0; round < opts.writeRounds && !aborted(); round++) {
      await yieldToEventLoop();
      for (const t of targets) {
        if (aborted()) break;
        emit(cowWrite(o, t.target, round, t.tool, () => t.file(round), probeBytes));
      }
    }
  } finally {
    problems = runUndo(undo);
    track.end();
    if (problems.length) o.log(`  teardown problems: ${problems.join('; ')}`);
  }
  return { seq, problems };
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function fsType(path: string): string {
  try {
    const type = timedCommand('stat', ['-f', '-c', '%T', path]).stdout.trim();
    // One magic number for the whole ext family: stat cannot tell ext4 from ext2.
    return type === 'ext2/ext3' ? 'ext2/3/4' : type;
  } catch {
    return 'unknown';
  }
}

function cowWrite(
  o: ProvisioningRunOptions,
  target: CowTarget,
  round: number,
  tool: 'vmbench-cowprobe' | 'qemu-io',
  file: () => string,
  fileBytes: number,
): Body<CowWriteResult> {
  const blocks = o.scenario.provisioning.writeBlocks;
  const empty = {
    type: 'cow-write' as const,
    target,
    round,
    tool,
    notMeasured: null,
    blocks,
    strideBytes: STRIDE_BYTES,
    fileBytes,
    readUs: [],
    firstUs: [],
    secondUs: [],
    rereadUs: [],
    openUs: null,
    bytesAfter: null,
  };
  try {
    const path = file();
    let r: ProbeLatencies;
    if (tool === 'qemu-io') {
      const qemuIo = o.tool('qemu-io');
      if (qemuIo === null) throw new NotMeasuredError('qemu-io is not installed (Debian package qemu-utils)');
      r = runQemuIo(qemuIo, path, blocks);
    } else {
      if (o.cowprobe === null) throw new NotMeasuredError('vmbench-cowprobe was not built (scripts/build-launcher.sh needs a C compiler)');
      r = runCowprobe(o.cowprobe, path, blocks);
    }
    return { ...empty, ...r, bytesAfter: bytesAfter(o, target, path) };
  } catch (error) {
    return { ...empty, notMeasured: (error instanceof NotMeasuredError ? '' : 'failed: ') + (error as Error).message };
  }
}

/** What the clone holds of its own after the writes: the overlay's upper copy, the qcow2 file, the btrfs file's exclusive extents. */
function bytesAfter(o: ProvisioningRunOptions, target: CowTarget, path: string): number | null {
  try {
    timedCommand('sync', ['-f', path]);
    if (target === 'overlay') return duBytes(path.replace(/\/merged\//, '/upper/'));
    if (target === 'qcow2') return duBytes(path);
    if (target === 'btrfs') {
      const btrfs = o.tool('btrfs');
      if (btrfs === null) return null;
      return Number(timedCommand(btrfs, ['filesystem', 'du', '--raw', path]).stdout.trim().split('\n').pop()?.trim().split(/\s+/)[1]);
    }
    return duBytes(path);
  } catch {
    return null;
  }
}

/** One instance from the clone: a container on a tree, a VM on a qcow2 image; ready means its marker carried the base's token. */
async function startOn(o: ProvisioningRunOptions, method: ProvisionMethod, clone: Clone, token: string): Promise<ProvisionStart | null> {
  const runtime = clone.diskFile !== null ? o.vm : clone.rootDir !== null && o.containerOn ? o.containerOn(clone.rootDir) : null;
  if (runtime === null) return null;
  const rec: ProvisionStart = { runtime: runtime.name, kind: runtime.kind, outcome: 'failed', startupMs: null, error: null };
  let instance: Instance;
  try {
    instance = runtime.start({
      id: `${o.runId.slice(-4)}-p${method}`,
      workload: CLONE_WORKLOAD,
      readyTimeoutMs: o.scenario.timeoutMs,
      ...(clone.diskFile ? { devices: [{ type: 'disk' as const, sizeMiB: 0, file: clone.diskFile, format: 'qcow2' as const }] } : {}),
    });
  } catch (error) {
    return { ...rec, error: `could not launch: ${(error as Error).message}` };
  }
  o.live.add(instance);
  const ready = await instance.waitReady();
  if (ready.state !== 'ready') Object.assign(rec, { outcome: ready.state, error: ready.reason });
  else {
    const seen = ready.markerFields['base'];
    rec.startupMs = ready.startupMs;
    if (seen === token) rec.outcome = 'ok';
    else rec.error = `the instance's root is not the clone: its base token is ${JSON.stringify(seen)}, the base's ${JSON.stringify(token)}`;
  }
  const stopped = await instance.stop();
  o.live.delete(instance);
  if (stopped.problem) rec.error = [rec.error, `teardown: ${stopped.problem}`].filter(Boolean).join('; ');
  return rec;
}
