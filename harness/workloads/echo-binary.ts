/**
 * vmbench-echo (harness/plumbing/udp-echo.c), the network workload's round-trip tool: built
 * static by scripts/build-launcher.sh. The image carries it at a fixed path of its own, not at
 * its host path: a checkout under /tmp would put it where every instance mounts a fresh /tmp.
 */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../version.js';

export const ECHO_PATH = join(PROJECT_ROOT, 'dist', 'launcher', 'vmbench-echo');
/** Where it is inside every image (VM, container, the host runtime's tree). */
export const ECHO_IMAGE_PATH = '/usr/lib/vmbench/vmbench-echo';
export const ECHO_MISSING = `${ECHO_PATH} is not built (run scripts/build-launcher.sh, which needs a C compiler and libc6-dev)`;
