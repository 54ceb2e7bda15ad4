import { readdirSync } from 'node:fs';

/** Host kernel modules that provide /dev/kvm (kvm_intel, kvm_amd, kvm_pvm …). */
export function kvmModules(): string[] {
  try {
    return readdirSync('/sys/module')
      .filter((m) => m === 'kvm' || m.startsWith('kvm_'))
      .sort();
  } catch {
    return [];
  }
}
