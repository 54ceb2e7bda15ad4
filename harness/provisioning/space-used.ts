/**
 * How many bytes a clone takes, by the tool each method's own file system answers with:
 * du's allocated blocks (a copy, an overlay's upper dir), btrfs's exclusive bytes of a snapshot
 * (the extents no other subvolume shares), qcow2's actual-size (the image file's allocation).
 */
import { timedCommand } from './timed-command.js';

/** `du -s -B1 PATH`: allocated bytes (st_blocks), hard links counted once; oneFs: -x, other file systems (mounts) left out. */
export function duBytes(path: string, oneFs = false): number {
  const out = timedCommand('du', ['-s', ...(oneFs ? ['-x'] : []), '-B1', path]).stdout;
  const n = Number(out.split(/\s/)[0]);
  if (!Number.isFinite(n)) throw new Error(`du -s -B1 ${path}: unexpected output ${JSON.stringify(out.slice(0, 100))}`);
  return n;
}

/** `btrfs filesystem du -s --raw`: "Total Exclusive Set-shared Filename" after a header line. */
export function parseBtrfsDu(out: string): { total: number; exclusive: number; shared: number } {
  const row = out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f.length >= 4 && /^\d+$/.test(f[0]!));
  if (!row) throw new Error(`btrfs filesystem du: unexpected output ${JSON.stringify(out.slice(0, 200))}`);
  return { total: Number(row[0]), exclusive: Number(row[1]), shared: Number(row[2]) };
}

export function btrfsExclusiveBytes(btrfs: string, path: string): number {
  return parseBtrfsDu(timedCommand(btrfs, ['filesystem', 'du', '-s', '--raw', path]).stdout).exclusive;
}

/** `qemu-img info --output=json`: actual-size is the bytes allocated to the image file itself. */
export function parseQemuImgActualSize(json: string): number {
  const info = JSON.parse(json) as { 'actual-size'?: unknown };
  const n = info['actual-size'];
  if (typeof n !== 'number') throw new Error(`qemu-img info: no actual-size in ${json.slice(0, 200)}`);
  return n;
}

export function qcow2ActualBytes(qemuImg: string, file: string): number {
  return parseQemuImgActualSize(timedCommand(qemuImg, ['info', '--output=json', file]).stdout);
}
