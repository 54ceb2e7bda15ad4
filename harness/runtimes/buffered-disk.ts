/**
 * Why a backend's disk is buffered by the host although fio asked for direct I/O, for the report's
 * page-cache note (results/host-disk-cache-note.ts): said only when a sample's reading shows it.
 */
import type { BackendName } from '../vocabulary.js';

export const BUFFERED_DISK_WHY: Partial<Record<BackendName, string>> = {
  runsc:
    'gVisor honours O_DIRECT inside its sentry, but its gofer opens the host file without it (gVisor issue #3626): the host kernel buffers the I/O, and these figures are largely the host page cache’s.',
};
