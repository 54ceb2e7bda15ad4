/**
 * The shell around every performance workload, the same file in VMs, containers and on the host:
 *   1. a private writable /tmp: a VM's RAM root and runc's tmpfs are private already; a raw
 *      namespaces container shares the image tree's, so it mounts its own (inside its own mount
 *      namespace). The host runtime (VMBENCH_MODE=host, no mount namespace) must not mount
 *      anything: it gets a fresh /tmp of its own from the runtime instead;
 *   2. the ready marker (startup ends here, before any work);
 *   3. the work, in steps announced by VMBENCH_STEP lines (the parser splits the output there);
 *   4. VMBENCH_DONE with the exit status; the host times steps from the markers' arrival.
 * No /dev/null anywhere: neither a VM's initramfs nor a raw-namespaces root has device nodes.
 */
import { READY_MARKER } from './scripts.js';

export const STEP_MARKER = 'VMBENCH_STEP';
export const DONE_MARKER = 'VMBENCH_DONE';

/** Host binaries keep their host path in the image: these cover where Debian puts them. */
const PATH = '/bin:/usr/bin:/usr/local/bin:/sbin:/usr/sbin';

export interface ScriptParts {
  name: string;
  description: string;
  /** Shell lines run after the ready marker; each sets `status` when a command fails. */
  body: string[];
}

export function performanceScript({ name, description, body }: ScriptParts): string {
  return [
    '#!/bin/sh',
    `# vmbench workload "${name}": ${description}`,
    `export PATH=${PATH}`,
    'case "$VMBENCH_MODE" in',
    '  host) ;;',
    "  *) grep -q '^[^ ]* /tmp tmpfs' /proc/mounts || mount -t tmpfs -o size=64m,mode=1777 tmpfs /tmp ;;",
    'esac',
    // The host runtime has no /proc (mounting one would touch the host's mount table).
    'up=; [ -r /proc/uptime ] && read up _ < /proc/uptime',
    'if [ -r /proc/sys/kernel/osrelease ]; then read kernel < /proc/sys/kernel/osrelease; else kernel=$(uname -r); fi',
    `echo "${READY_MARKER} uptime=$up kernel=$kernel"`,
    'status=0',
    ...body,
    `echo "${DONE_MARKER} status=$status"`,
    '',
  ].join('\n');
}

/** One step: its marker, then the command; a failure is remembered, the next step still runs. */
export function step(stepName: string, fields: Record<string, string>, command: string): string[] {
  const extra = Object.entries(fields)
    .map(([k, v]) => ` ${k}=${v}`)
    .join('');
  return [`echo "${STEP_MARKER} name=${stepName}${extra}"`, `${command} || status=$?`];
}

/**
 * A scenario's argv as shell words. Each word is single-quoted (a quote inside becomes '\''),
 * which POSIX sh takes literally: no expansion, globbing or splitting. The argv reaches the
 * program unchanged; nothing from a scenario is ever interpreted by a shell.
 */
export function shellWords(argv: readonly string[]): string {
  return argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
}
