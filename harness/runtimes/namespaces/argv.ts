/**
 * A raw-namespace container with util-linux unshare: new pid, mount, uts, ipc and net namespaces
 * (no network device but loopback), chrooted into the guest image's root tree.
 * --kill-child: if unshare dies, the kernel SIGKILLs the namespace's init, which takes every
 * process of the pid namespace with it; the init itself ignores SIGTERM from outside.
 */
export const NAMESPACE_FLAGS = ['--pid', '--fork', '--kill-child', '--mount-proc', '--uts', '--ipc', '--net', '--mount'];

export function unshareArgv(rootDir: string, workload: string): string[] {
  return [...NAMESPACE_FLAGS, `--root=${rootDir}`, '/init', 'container', workload];
}

/**
 * sh joins each cgroup.procs file (its own pid, `$$`), then execs the command: every later fork
 * is born inside the cgroup. The paths and the command are positional arguments, never part of
 * the script text: nothing is interpreted by the shell.
 */
export const JOIN_CGROUP_SCRIPT = 'n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 125; shift; n=$((n-1)); done; exec "$@"';

export function joinCgroupArgv(procsFiles: readonly string[], file: string, args: readonly string[]): string[] {
  return ['-c', JOIN_CGROUP_SCRIPT, 'sh', String(procsFiles.length), ...procsFiles, file, ...args];
}

/**
 * A container with a network: unshare started by nsenter inside the network namespace the
 * harness made (with its veth end), and without --net, so it stays in that one.
 */
export function nsenterArgv(netnsFile: string, unsharePath: string, rootDir: string, workload: string): string[] {
  return [`--net=${netnsFile}`, unsharePath, ...unshareArgv(rootDir, workload).filter((a) => a !== '--net')];
}
