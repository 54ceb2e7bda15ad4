/**
 * Names and addresses of an instance's network plumbing. Names are unpredictable (random) and
 * carry a fixed prefix the leak checks and `vmbench cleanup` recognise; addresses are a random
 * /30 of a private range, refused if this host already has an address there, and live only on
 * links inside this machine (a tap or a veth pair: no bridge, no route out).
 */
import { randomBytes, randomInt } from 'node:crypto';
import { networkInterfaces } from 'node:os';

/** Link names: IFNAMSIZ allows 15 characters: "vmb" + 8 hex + a 1-letter role. */
export const LINK_PREFIX = 'vmb';
export const NETNS_PREFIX = 'vmbench-';
/** 10.213.0.0/16: private (RFC 1918), split into /30s: .1 the host's end, .2 the instance's. */
const RANGE = [10, 213] as const;

export function plumbingToken(): string {
  return randomBytes(4).toString('hex');
}

export interface LinkAddresses {
  /** The host's end, without prefix length. */
  host: string;
  /** The instance's end. */
  instance: string;
  prefix: 30;
}

export function pickAddresses(taken: readonly string[] = hostIpv4Addresses()): LinkAddresses {
  for (let attempt = 0; attempt < 64; attempt++) {
    const block = randomInt(0, 16384) * 4;
    const base = `${RANGE[0]}.${RANGE[1]}.${Math.floor(block / 256)}.`;
    const last = block % 256;
    const mine = [0, 1, 2, 3].map((i) => `${base}${last + i}`);
    if (mine.some((a) => taken.includes(a))) continue;
    return { host: mine[1]!, instance: mine[2]!, prefix: 30 };
  }
  throw new Error(`no free /30 in ${RANGE.join('.')}.0.0/16 after 64 tries (this host holds ${taken.length} addresses)`);
}

function hostIpv4Addresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((a) => a.family === 'IPv4').map((a) => a.address));
}
