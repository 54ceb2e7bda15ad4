/** runsc's global flags: where its state lives, its platform, no network stack, no cgroup. */
export const RUNSC_STATE_ROOT = '/run/runsc';

/**
 * --network=none: loopback only, like the other containers' empty net namespace.
 * --ignore-cgroups: this host's cgroup hybrid mode is not supported by the 2022 Debian runsc;
 * the sandbox's memory is accounted from its host processes (sentry, gofer) instead.
 */
export function runscArgs(platform: string): string[] {
  return ['--root', RUNSC_STATE_ROOT, `--platform=${platform}`, '--network=none', '--ignore-cgroups'];
}
