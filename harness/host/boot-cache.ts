/**
 * A verdict that holds until the host reboots (a KVM probe boot, a gVisor platform trial): kept
 * in the cache dir under a key that starts with the boot id, so a reboot or another input
 * (QEMU version, kernel, runsc version) makes a fresh trial.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export async function cachedPerBoot<T extends { cached: boolean }>(
  cacheRoot: string,
  file: string,
  inputs: string[],
  fresh: boolean,
  trial: () => Promise<T>,
): Promise<T> {
  const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  const key = [bootId, ...inputs].join('|');
  const cacheFile = join(cacheRoot, file);
  if (!fresh) {
    try {
      const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { key: string; probe: T };
      if (cached.key === key) return { ...cached.probe, cached: true };
    } catch {
      // No usable cache: run the trial.
    }
  }
  const probe = await trial();
  writeFileSync(cacheFile, JSON.stringify({ key, probe }), { mode: 0o600 });
  return probe;
}
