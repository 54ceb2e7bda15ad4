/**
 * What a test checks is gone after the harness returns: QEMU processes, unshare, runc, crun and
 * runsc containers (processes and state files), zombies nobody reaped, extra pid and net
 * namespaces, vmbench cgroups, mounts under vmbench's work dirs, bundle temp dirs and run journals;
 * and the devices' plumbing: links (tap, veth), named network namespaces, disk bind mounts,
 * backing files, iperf3 and UDP echo servers; loop devices over a file in a work dir (the provisioning
 * scenario's btrfs; its overlay and btrfs mounts are in the work dir, found as temp dir mounts).
 *
 * A check whose tool is missing must fail, not pass: each tool is required, and a missing one
 * throws naming the package that brings it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { WORK_DIR_PREFIX } from '../../harness/lifecycle/work-dir.js';
import { LINK_PREFIX, NETNS_PREFIX } from '../../harness/plumbing/link-names.js';
import { DISK_MOUNTPOINT } from '../../harness/guest/device-extras.js';

const PACKAGE_OF: Record<string, string> = { pgrep: 'procps', lsns: 'util-linux', runc: 'runc' };

/** Runs a listing tool; exit 1 with no output is "nothing found" (pgrep), a missing tool throws. */
function lines(file: string, args: string[]): string[] {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 })
      .split('\n')
      .filter(Boolean);
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { status?: number | null; stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error(
        `leak check: ${file} is not installed (apt-get install ${PACKAGE_OF[file] ?? file}); without it the check could not fail`,
        { cause: error },
      );
    }
    if (e.status === 1 && !e.stderr) return (e.stdout ?? '').split('\n').filter(Boolean);
    throw new Error(`leak check: ${file} ${args.join(' ')} failed: ${e.stderr || e.message}`, { cause: error });
  }
}

/** Zombies re-parented to PID 1 (which does not reap promptly on these machines): pid → comm. */
function orphanZombies(): Map<number, string> {
  const found = new Map<number, string>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state === 'Z' && ppid === '1') found.set(Number(name), comm);
  }
  return found;
}

function namespaces(type: 'pid' | 'net'): Map<string, string> {
  return new Map(
    lines('lsns', ['-t', type, '-n', '-o', 'NS,PID,COMMAND']).map((l) => {
      const [ns = '', ...rest] = l.trim().split(/\s+/);
      return [ns, rest.join(' ')];
    }),
  );
}

// What existed when this test file started is not the test's leak (another file's, the host's).
const before = { zombies: orphanZombies(), pid: namespaces('pid'), net: namespaces('net') };

export function leftovers(): string[] {
  const found: string[] = [];
  found.push(...lines('pgrep', ['-a', '-f', 'qemu-system.*vmbench-']).map((l) => `qemu: ${l}`));
  found.push(
    ...lines('runc', ['list', '-q'])
      .filter((l) => l.startsWith('vmbench-'))
      .map((l) => `runc container: ${l}`),
  );
  found.push(...lines('pgrep', ['-a', '-f', 'unshare --pid --fork --kill-child']).map((l) => `unshare: ${l}`));
  found.push(...lines('pgrep', ['-a', '-f', '(runsc|crun).*vmbench-']).map((l) => `runsc/crun process: ${l}`));
  for (const root of ['/run/crun', '/run/runsc']) {
    if (existsSync(root))
      found.push(
        ...readdirSync(root)
          .filter((n) => n.startsWith('vmbench-'))
          .map((n) => `state left in ${root}: ${n}`),
      );
  }
  found.push(
    ...readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .filter((l) => l.includes(`/${WORK_DIR_PREFIX}`))
      .map((l) => `temp dir mount (a run-wide resource, goes with the run's work dir): ${l.split(' ').slice(3, 5).join(' ')}`),
  );
  for (const [pid, comm] of orphanZombies()) {
    if (!before.zombies.has(pid)) found.push(`zombie (state Z, parent 1, not reaped): ${pid} ${comm}`);
  }
  for (const type of ['pid', 'net'] as const) {
    for (const [ns, owner] of namespaces(type)) {
      if (!before[type].has(ns)) found.push(`${type} namespace ${ns} still exists: ${owner}`);
    }
  }
  for (const ctrl of ['memory', 'pids', 'cpu', 'cpuacct', 'unified', '']) {
    const dir = `/sys/fs/cgroup/${ctrl}`;
    if (!existsSync(dir)) continue;
    found.push(
      ...readdirSync(dir)
        .filter((n) => n.startsWith('vmbench-'))
        .map((n) => `cgroup: ${dir}/${n}`),
    );
  }
  found.push(
    ...readdirSync(tmpdir())
      .filter((n) => n.startsWith(WORK_DIR_PREFIX))
      .map((n) => `temp dir: ${tmpdir()}/${n}`),
  );
  found.push(...plumbingLeftovers());
  return found;
}

/** Links and namespaces by their prefixes, bind mounts onto the disk mount point, backing files in any work dir. */
export function plumbingLeftovers(): string[] {
  const found: string[] = [];
  found.push(
    ...readdirSync('/sys/class/net')
      .filter((n) => n.startsWith(LINK_PREFIX))
      .map((n) => `link: ${n}`),
  );
  if (existsSync('/run/netns'))
    found.push(
      ...readdirSync('/run/netns')
        .filter((n) => n.startsWith(NETNS_PREFIX))
        .map((n) => `network namespace: ${n}`),
    );
  found.push(
    ...readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[4] ?? '')
      .filter((m) => m.endsWith(DISK_MOUNTPOINT))
      .map((m) => `mount: ${m}`),
  );
  for (const dir of readdirSync(tmpdir()).filter((n) => n.startsWith(WORK_DIR_PREFIX))) {
    let names: string[];
    try {
      names = readdirSync(`${tmpdir()}/${dir}`);
    } catch {
      continue;
    }
    found.push(...names.filter((n) => /^disk-.*\.img$/.test(n)).map((n) => `backing file: ${tmpdir()}/${dir}/${n}`));
  }
  found.push(...lines('pgrep', ['-a', '-f', '^[^ ]*iperf3 -s -B']).map((l) => `iperf3 server: ${l}`));
  found.push(...lines('pgrep', ['-a', '-f', '^[^ ]*vmbench-echo serve ']).map((l) => `echo server: ${l}`));
  found.push(...loopLeftovers());
  return found;
}

/** Loop devices whose backing file is (or was: "(deleted)") in a vmbench work dir. */
export function loopLeftovers(): string[] {
  if (!existsSync('/sys/block')) return [];
  return readdirSync('/sys/block')
    .filter((n) => n.startsWith('loop'))
    .flatMap((n) => {
      let file: string;
      try {
        file = readFileSync(`/sys/block/${n}/loop/backing_file`, 'utf8').trim();
      } catch {
        return [];
      }
      return file.includes(`/${WORK_DIR_PREFIX}`) ? [`loop device: /dev/${n} over ${file}`] : [];
    });
}

export function journals(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.journal')) : [];
}
