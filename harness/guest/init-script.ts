/**
 * /init of the guest image: PID 1 in every VM (the kernel runs it from the initramfs) and in
 * every container (the runtime starts it). Arguments: $1 = vm | container, $2 = workload name.
 * For VMs they come after `--` on the kernel command line, which the kernel hands to init.
 */
import { INIT_MARKER } from '../workloads/scripts.js';

export const INIT_SCRIPT = `#!/bin/sh
# vmbench init: the same file is PID 1 in VMs and containers.
export PATH=/bin
# A VM starts with nothing mounted; a container runtime has mounted /proc already.
[ -r /proc/uptime ] || mount -t proc proc /proc
read up _ < /proc/uptime
echo "${INIT_MARKER} uptime=$up"
/workloads/$2.sh
status=$?
# A VM ends by rebooting: QEMU runs with -no-reboot, so the reboot makes it exit.
[ "$1" = vm ] && reboot -f
exit $status
`;
