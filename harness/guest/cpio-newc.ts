/**
 * A minimal writer for the "newc" cpio format the Linux kernel unpacks as an initramfs.
 * Written here rather than shelling out to cpio(1): output is deterministic (mtime 0, uid 0),
 * so the image's hash depends only on its inputs.
 */
export interface CpioEntry {
  name: string;
  /** Full st_mode: file type bits | permission bits. */
  mode: number;
  data?: Uint8Array;
}

export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;
export const S_IFLNK = 0o120000;

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');
const pad4 = (n: number): number => (4 - (n % 4)) % 4;

function header(ino: number, entry: CpioEntry, size: number, nameSize: number): string {
  const isDir = (entry.mode & 0o170000) === S_IFDIR;
  // magic, ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check
  return [
    '070701',
    hex8(ino),
    hex8(entry.mode),
    hex8(0),
    hex8(0),
    hex8(isDir ? 2 : 1),
    hex8(0),
    hex8(size),
    hex8(0),
    hex8(0),
    hex8(0),
    hex8(0),
    hex8(nameSize),
    hex8(0),
  ].join('');
}

export function writeCpioNewc(entries: CpioEntry[]): Buffer {
  const parts: Buffer[] = [];
  const push = (ino: number, entry: CpioEntry): void => {
    const data = entry.data ?? new Uint8Array(0);
    const name = Buffer.from(`${entry.name}\0`);
    const head = Buffer.from(header(ino, entry, data.length, name.length), 'ascii');
    parts.push(head, name, Buffer.alloc(pad4(head.length + name.length)));
    parts.push(Buffer.from(data), Buffer.alloc(pad4(data.length)));
  };
  entries.forEach((entry, i) => push(i + 1, entry));
  push(0, { name: 'TRAILER!!!', mode: 0 });
  return Buffer.concat(parts);
}
