/** Whether a network link exists in the host's namespace: /sys/class/net lists every one. */
import { existsSync, readdirSync } from 'node:fs';

export function linkExists(name: string): boolean {
  return existsSync(`/sys/class/net/${name}`);
}

/** Links whose name starts with the prefix (the leak checks' view). */
export function linksWithPrefix(prefix: string): string[] {
  return readdirSync('/sys/class/net').filter((n) => n.startsWith(prefix));
}
