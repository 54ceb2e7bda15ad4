/**
 * vmbench-echo (harness/plumbing/udp-echo.c), the network workload's round-trip tool: built
 * static by scripts/build-launcher.sh; the image carries it at this same path.
 */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../version.js';

export const ECHO_PATH = join(PROJECT_ROOT, 'dist', 'launcher', 'vmbench-echo');
export const ECHO_MISSING = `${ECHO_PATH} is not built (run scripts/build-launcher.sh, which needs a C compiler and libc6-dev)`;
