/** A tap device for one VM (QEMU opens it by name), with the host's end of a /30 on it. */
import type { LinkAddresses } from './link-names.js';

export function tapCreateArgv(name: string, addrs: LinkAddresses): string[][] {
  return [
    ['tuntap', 'add', 'dev', name, 'mode', 'tap'],
    ['addr', 'add', `${addrs.host}/${addrs.prefix}`, 'dev', name],
    ['link', 'set', name, 'up'],
  ];
}

export const linkDeleteArgv = (name: string): string[] => ['link', 'del', name];
