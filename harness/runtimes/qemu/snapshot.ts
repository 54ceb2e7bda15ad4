/**
 * VMs restored from a saved state (like Firecracker snapshots or Lambda SnapStart): a guest is
 * booted once to the point where a workload is about to start (init's "snapshot" mode), its
 * state is saved with QEMU's migration to a file (`migrate exec:cat > FILE`, QEMU 7.2 has no
 * `file:` URI), and every measured instance starts with `-incoming exec:cat FILE`. The saved
 * state is cached like the image, keyed by everything that must match between saving and
 * restoring: kernel, image, machine, memory, vCPUs, QEMU version and accelerator.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Accelerator } from '../../vocabulary.js';
import type { QemuRuntimeSpec } from '../../scenario/types.js';
import type { GuestImage } from '../../guest/image.js';
import { ProcessInstance } from '../../process/process-instance.js';
import { vmPhases } from '../phases.js';
import { qemuArgv, type SnapshotDevices } from './argv.js';
import { QmpClient } from './qmp.js';

export const SNAPSHOT_BOOT_TIMEOUT_MS = 60_000;
const MIGRATE_TIMEOUT_MS = 60_000;

export interface SnapshotInput {
  qemuPath: string;
  qemuVersion: string;
  kernel: { path: string; sha256: string };
  image: GuestImage;
  spec: Pick<QemuRuntimeSpec, 'machine' | 'memoryMiB' | 'vcpus'>;
  accel: Accelerator;
  cacheRoot: string;
}

export interface SavedState {
  path: string;
  bytes: number;
  /** Boot to the snapshot point + save, ms; null when it came from the cache. */
  madeInMs: number | null;
}

export function snapshotKey(input: SnapshotInput): string {
  const { spec } = input;
  return createHash('sha256')
    .update([input.kernel.sha256, input.image.key, spec.machine, spec.memoryMiB, spec.vcpus, input.qemuVersion, input.accel].join('|'))
    .digest('hex')
    .slice(0, 16);
}

/** A FIFO pair <base>.in / <base>.out (QEMU's pipe chardev) and a QMP socket path in dir. */
export function makeSnapshotDevices(dir: string, incoming: string | null): SnapshotDevices {
  const goPipe = join(dir, 'go');
  execFileSync('mkfifo', ['-m', '600', `${goPipe}.in`, `${goPipe}.out`]);
  return { goPipe, qmpSocket: join(dir, 'qmp.sock'), incoming };
}

/** The cached state, or a fresh one: boot to the snapshot point, save, stop. */
export async function savedState(input: SnapshotInput): Promise<SavedState> {
  const dir = join(input.cacheRoot, 'snapshots');
  const path = join(dir, `${snapshotKey(input)}.state`);
  if (existsSync(path)) return { path, bytes: statSync(path).size, madeInMs: null };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const startedNs = process.hrtime.bigint();
  const work = mkdtempSync(join(tmpdir(), 'vmbench-snapshot-'));
  const partial = `${path}.partial-${process.pid}`;
  const instance = new ProcessInstance(
    'snapshot-boot',
    {
      file: input.qemuPath,
      args: qemuArgv({
        spec: input.spec,
        accel: input.accel,
        kernel: input.kernel.path,
        initramfs: input.image.initramfs,
        workload: 'snapshot',
        name: 'vmbench-snapshot-boot',
        snapshot: makeSnapshotDevices(work, null),
      }),
    },
    SNAPSHOT_BOOT_TIMEOUT_MS,
    { phases: vmPhases },
  );
  let qmp: QmpClient | null = null;
  try {
    const ready = await instance.waitReady();
    if (ready.state !== 'ready') throw new Error(`the guest did not reach the snapshot point: ${ready.reason}`);
    qmp = await QmpClient.open(join(work, 'qmp.sock'), 10_000);
    await qmp.execute('migrate', { uri: `exec:cat > ${partial}` }, 10_000);
    await waitForMigration(qmp);
    renameSync(partial, path);
    return { path, bytes: statSync(path).size, madeInMs: Number(process.hrtime.bigint() - startedNs) / 1e6 };
  } finally {
    qmp?.close();
    await instance.stop();
    rmSync(partial, { force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

async function waitForMigration(qmp: QmpClient): Promise<void> {
  const deadline = Date.now() + MIGRATE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const info = (await qmp.execute('query-migrate', {}, 10_000)) as { status?: string; 'error-desc'?: string };
    if (info.status === 'completed') return;
    if (info.status === 'failed' || info.status === 'cancelled')
      throw new Error(`saving the guest state ${info.status}: ${info['error-desc'] ?? ''}`);
    await sleep(20);
  }
  throw new Error(`saving the guest state did not finish within ${MIGRATE_TIMEOUT_MS / 1000} s`);
}
