/** The harness ↔ vmbench-launcher protocol: spawn requests out, frames in (see the C file's header). */
import { describe, it, expect } from 'vitest';
import { FRAME, HEADER_BYTES, encodeSpawnRequest, parseFrames } from '../../../harness/process/native-launcher.js';

function frame(type: number, id: number, ts: bigint, aux: number, payload = ''): Buffer {
  const head = Buffer.alloc(HEADER_BYTES);
  head.writeUInt8(type, 0);
  head.writeUInt32LE(id, 4);
  head.writeBigUInt64LE(ts, 8);
  head.writeUInt32LE(Buffer.byteLength(payload), 16);
  head.writeInt32LE(aux, 20);
  return Buffer.concat([head, Buffer.from(payload)]);
}

describe('spawn requests', () => {
  it('are a little-endian length, then NUL-separated fields with argv[0] = the file', () => {
    const req = encodeSpawnRequest(7, { file: '/usr/bin/unshare', args: ['--pid', 'a b'], cwd: '/tmp' }, ['PATH=/bin']);
    expect(req.readUInt32LE(0)).toBe(req.length - 4);
    const fields = req.subarray(4).toString().split('\0');
    expect(fields).toEqual(['S', '7', '/usr/bin/unshare', '/tmp', '3', '/usr/bin/unshare', '--pid', 'a b', '1', 'PATH=/bin', '']);
  });
  it('carry an empty cwd when none is given (the launcher then keeps its own)', () => {
    const fields = encodeSpawnRequest(1, { file: 'x', args: [] }, []).subarray(4).toString().split('\0');
    expect(fields.slice(0, 6)).toEqual(['S', '1', 'x', '', '1', 'x']);
  });
});

describe('frames', () => {
  it('are parsed with their timestamps, ids and payloads', () => {
    const buf = Buffer.concat([
      frame(FRAME.started, 3, 123456789012n, 4242),
      frame(FRAME.stdout, 3, 123456799012n, 0, 'VMBENCH_READY x=1\n'),
    ]);
    const { frames, rest } = parseFrames(buf);
    expect(rest.length).toBe(0);
    expect(frames.map((f) => [f.type, f.id, f.ts, f.aux, f.payload.toString()])).toEqual([
      [FRAME.started, 3, 123456789012n, 4242, ''],
      [FRAME.stdout, 3, 123456799012n, 0, 'VMBENCH_READY x=1\n'],
    ]);
  });
  it('split across reads: the incomplete tail is kept for the next chunk', () => {
    const whole = Buffer.concat([frame(FRAME.exited, 9, 5n, 9), frame(FRAME.stderr, 9, 6n, 0, 'boom')]);
    for (let cut = 1; cut < whole.length; cut++) {
      const first = parseFrames(whole.subarray(0, cut));
      const second = parseFrames(Buffer.concat([first.rest, whole.subarray(cut)]));
      const all = [...first.frames, ...second.frames];
      expect(all.map((f) => f.type)).toEqual([FRAME.exited, FRAME.stderr]);
      expect(all[1]!.payload.toString()).toBe('boom');
      expect(second.rest.length).toBe(0);
    }
  });
});
