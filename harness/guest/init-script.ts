/**
 * /init of the guest image: PID 1 in every VM (the kernel runs it from the initramfs) and in
 * every container (the runtime starts it). Arguments: $1 = vm | container, $2 = workload name.
 * For VMs they come after `--` on the kernel command line, which the kernel hands to init.
 * In a container /init execs the workload (PID 1 then is the workload's shell); in a VM it runs
 * it as a child and powers the machine off when it returns.
 *
 * Workload "snapshot" (VMs restored from a saved state, runtimes/qemu/snapshot.ts): boot to the
 * point where a workload is about to start, say so with a ready marker (the host then saves the
 * guest's state), and wait for the workload's name on the second serial port (ttyS1). Every
 * restored copy resumes inside that read, so one saved state serves every workload.
 */
import { INIT_MARKER, READY_MARKER } from '../workloads/scripts.js';
import { IMAGE_MODULE_DIR, IMAGE_MODULE_LIST } from './kernel-modules.js';

export const INIT_SCRIPT = `#!/bin/sh
# vmbench init: the same file is PID 1 in VMs and containers.
export PATH=/bin
# A VM starts with nothing mounted; a container runtime has mounted /proc already.
[ -r /proc/uptime ] || mount -t proc proc /proc
# A VM whose workload needs devices: its image lists the virtio modules, dependencies first.
# devtmpfs gives the device nodes (/dev/vda); an image without the list loads nothing.
if [ "$1" = vm ] && [ -r ${IMAGE_MODULE_LIST} ]; then
  mount -t devtmpfs devtmpfs /dev
  while read m; do insmod ${IMAGE_MODULE_DIR}/$m || echo "vmbench init: insmod $m failed"; done < ${IMAGE_MODULE_LIST}
fi
if [ "$2" = snapshot ]; then
  mount -t devtmpfs devtmpfs /dev 2>/dev/null
  stty -F /dev/ttyS1 -echo
  read up _ < /proc/uptime
  echo "${READY_MARKER} snapshot=point uptime=$up"
  read workload < /dev/ttyS1
  set -- "$1" "$workload"
fi
read up _ < /proc/uptime
echo "${INIT_MARKER} uptime=$up"
export VMBENCH_MODE=$1
# A container's PID 1 is the workload itself: a stop signal sent to the container's init reaches
# the shell that traps it (a shell waiting for a foreground child would not run its trap).
[ "$1" = container ] && exec /workloads/$2.sh
/workloads/$2.sh
status=$?
# A VM ends by rebooting: QEMU runs with -no-reboot, so the reboot makes it exit.
[ "$1" = vm ] && reboot -f
exit $status
`;
