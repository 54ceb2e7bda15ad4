/** How a VM is started: QEMU with the guest kernel and the vmbench initramfs. */
import type { Accelerator } from '../../vocabulary.js';
import type { QemuRuntimeSpec } from '../../scenario/types.js';
import type { Instance, Runtime, StartRequest } from '../runtime.js';
import type { GuestImage } from '../../guest/image.js';
import { ProcessInstance } from '../../process/process-instance.js';
import { vmPhases } from '../phases.js';
import { qemuArgv } from './argv.js';
import type { InstanceTracker } from '../../lifecycle/instance-tracker.js';
import { prepareDevices } from '../../plumbing/instance-devices.js';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';

/** One line to QEMU's control port; resolves once written (or fails: then teardown kills). */
function sendLine(socketPath: string, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath, () => { socket.end(`${line}\n`, () => resolve()); });
    socket.on('error', reject);
  });
}

export interface QemuContext {
  qemuPath: string;
  kernelPath: string;
  image: GuestImage;
  tracker: InstanceTracker;
  tscKhz: number | null;
  /** Private per-run directory (0700): disks' backing files, a graceful VM's control socket. */
  workDir: string;
}

export class QemuRuntime implements Runtime {
  readonly kind = 'vm' as const;
  readonly backend = 'qemu' as const;
  readonly name: string;
  readonly machine: string;
  readonly configuredMemoryBytes: number;
  readonly memoryInside = 'own-kernel' as const;

  constructor(readonly spec: QemuRuntimeSpec, readonly accel: Accelerator, private readonly ctx: QemuContext) {
    this.name = spec.name;
    this.machine = spec.machine;
    this.configuredMemoryBytes = spec.memoryMiB * 1024 * 1024;
  }

  start(request: StartRequest): Instance {
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
      release: async () => {
        if (control) rmSync(control, { force: true });
        const problem = await devices.release();
        tracked.end();
        return problem;
      },
    });
  }
}
