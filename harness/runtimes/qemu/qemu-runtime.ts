/** How a VM is started: QEMU with the guest kernel and the vmbench initramfs. */
import type { Accelerator } from '../../vocabulary.js';
import type { QemuRuntimeSpec } from '../../scenario/types.js';
import type { Instance, Runtime, StartRequest } from '../runtime.js';
import type { GuestImage } from '../../guest/image.js';
import { ProcessInstance } from '../../process/process-instance.js';
import { closeSync, constants, mkdirSync, openSync, writeSync } from 'node:fs';
import { snapshotPhases, vmPhases } from '../phases.js';
import { makeSnapshotDevices } from './snapshot.js';
import { QmpClient } from './qmp.js';
import type { SnapshotDevices } from './argv.js';
import { qemuArgv } from './argv.js';
import type { InstanceTracker } from '../../lifecycle/instance-tracker.js';
import { prepareDevices } from '../../plumbing/instance-devices.js';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';

/** One line to QEMU's control port; resolves once written (or fails: then teardown kills). */
function sendLine(socketPath: string, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath, () => {
      socket.end(`${line}\n`, () => resolve());
    });
    socket.on('error', reject);
  });
}

export interface QemuContext {
  qemuPath: string;
  kernelPath: string;
  image: GuestImage;
  tracker: InstanceTracker;
  tscKhz: number | null;
  /** Restore every instance from this saved state instead of booting it. */
  savedState: string | null;
  /** Private per-run directory (0700): disks' backing files, a graceful VM's control socket, a restored VM's FIFOs. */
  workDir: string;
}

export class QemuRuntime implements Runtime {
  readonly kind = 'vm' as const;
  readonly backend = 'qemu' as const;
  readonly name: string;
  readonly machine: string;
  readonly configuredMemoryBytes: number;
  readonly memoryInside = 'own-kernel' as const;

  constructor(
    readonly spec: QemuRuntimeSpec,
    readonly accel: Accelerator,
    private readonly ctx: QemuContext,
  ) {
    this.name = spec.name;
    this.machine = spec.machine;
    this.configuredMemoryBytes = spec.memoryMiB * 1024 * 1024;
  }

  start(request: StartRequest): Instance {
    if (this.ctx.savedState !== null) return this.#restore(request, this.ctx.savedState);
    const tracked = this.ctx.tracker.begin(request.id, this.name);
    const devices = prepareDevices(request.devices ?? [], { kind: 'vm' }, this.ctx.workDir, request.id, tracked);
    // Graceful: a second serial port on a socket; the idle workload reads one line from it, returns, and init powers off.
    const control = request.stop === 'graceful' ? join(this.ctx.workDir, `ctl-${request.id}.sock`) : null;
    const args = qemuArgv({
      spec: this.spec,
      accel: this.accel,
      kernel: this.ctx.kernelPath,
      initramfs: this.ctx.image.initramfs,
      workload: request.workload,
      name: `vmbench-${request.id}`,
      tscKhz: this.ctx.tscKhz,
      devices,
      controlSocket: control,
    });
    return new ProcessInstance(request.id, { file: this.ctx.qemuPath, args }, request.readyTimeoutMs, {
      phases: vmPhases,
      onLaunched: (pid) => tracked.process(pid),
      watch: request.watch,
      ...(control ? { requestStop: () => sendLine(control, 'stop') } : {}),
      hostDiskCache: () => devices.hostDiskCache(),
      release: async () => {
        if (control) rmSync(control, { force: true });
        const problem = await devices.release();
        tracked.end();
        return problem;
      },
    });
  }

  #restore(request: StartRequest, state: string): Instance {
    const tracked = this.ctx.tracker.begin(request.id, this.name);
    const dir = join(this.ctx.workDir, `vm-${request.id}`);
    mkdirSync(dir, { mode: 0o700 });
    tracked.resource('dir', dir);
    const devices = makeSnapshotDevices(dir, state);
    const args = qemuArgv({
      spec: this.spec,
      accel: this.accel,
      kernel: this.ctx.kernelPath,
      initramfs: this.ctx.image.initramfs,
      workload: request.workload,
      name: `vmbench-${request.id}`,
      tscKhz: this.ctx.tscKhz,
      snapshot: devices,
    });
    let goNs: bigint | null = null;
    let qmp: QmpClient | null = null;
    const instance = new ProcessInstance(request.id, { file: this.ctx.qemuPath, args }, request.readyTimeoutMs, {
      phases: (input) => snapshotPhases(input, goNs),
      onLaunched: (pid) => {
        tracked.process(pid);
        // Resolves null (the instance then times out with its console tail) if QMP never answers.
        void sendWorkload(devices, request.workload, request.readyTimeoutMs, (c) => {
          qmp = c;
        }).then((ns) => {
          goNs = ns;
        });
      },
      watch: request.watch,
      // Graceful: the idle workload reads its stop line from ttyS1, which is this FIFO here.
      // eslint-disable-next-line @typescript-eslint/require-await -- async so that a failed write is a rejection, as callers of requestStop expect
      ...(request.stop === 'graceful' ? { requestStop: async () => writeLine(devices, 'stop') } : {}),
      // eslint-disable-next-line @typescript-eslint/require-await -- async so that a throw while removing is a rejection, as callers of release expect
      release: async () => {
        qmp?.close();
        rmSync(dir, { recursive: true, force: true });
        tracked.end();
        return null;
      },
    });
    return instance;
  }
}

/** One line to the restored guest's ttyS1 (QEMU holds the FIFO open: the write never blocks). */
function writeLine(devices: SnapshotDevices, line: string): void {
  const fd = openSync(`${devices.goPipe}.in`, constants.O_WRONLY | constants.O_NONBLOCK);
  try {
    writeSync(fd, `${line}\n`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Waits until the restored guest runs (QMP: status running, or the RESUME event), then writes
 * the workload's name to its ttyS1. Not earlier: bytes that reach the emulated UART while the
 * state is still loading are overwritten by the loaded state and the guest would wait forever.
 * Returns when the name was sent (host monotonic ns, the launcher's clock), or null.
 */
async function sendWorkload(
  devices: SnapshotDevices,
  workload: string,
  timeoutMs: number,
  opened: (c: QmpClient) => void,
): Promise<bigint | null> {
  try {
    const qmp = await QmpClient.open(devices.qmpSocket, timeoutMs);
    opened(qmp);
    const resumed = qmp.event('RESUME', timeoutMs);
    resumed.catch(() => undefined);
    const status = (await qmp.execute('query-status', {}, timeoutMs)) as { status?: string };
    if (status.status !== 'running') await resumed;
    const goNs = process.hrtime.bigint();
    writeLine(devices, workload);
    return goNs;
  } catch {
    return null;
  }
}
