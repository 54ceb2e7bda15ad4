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
