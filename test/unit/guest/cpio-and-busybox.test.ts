import { describe, it, expect } from 'vitest';
import { writeCpioNewc, S_IFDIR, S_IFREG } from '../../../harness/guest/cpio-newc.js';
import { isStaticElf } from '../../../harness/guest/busybox.js';
import { readFileSync, existsSync } from 'node:fs';

describe('cpio newc writer', () => {
  it('writes 4-byte aligned headers, names and data, and a trailer', () => {
    const out = writeCpioNewc([
      { name: 'bin', mode: S_IFDIR | 0o755 },
      { name: 'init', mode: S_IFREG | 0o755, data: Buffer.from('#!/bin/sh\n') },
    ]);
    expect(out.length % 4).toBe(0);
    const text = out.toString('latin1');
    expect(text.startsWith('070701')).toBe(true);
    expect(text).toContain('bin\0');
    expect(text).toContain('init\0');
    expect(text).toContain('#!/bin/sh\n');
    expect(text).toContain('TRAILER!!!\0');
    // mode field of the second entry: regular file 0755
    const second = text.indexOf('070701', 6);
    expect(text.slice(second + 14, second + 22)).toBe((S_IFREG | 0o755).toString(16).padStart(8, '0'));
  });
  it('is deterministic', () => {
    const entries = [{ name: 'a', mode: S_IFREG | 0o644, data: Buffer.from('x') }];
    expect(writeCpioNewc(entries).equals(writeCpioNewc(entries))).toBe(true);
  });
});

describe('static ELF check', () => {
  it('tells a static busybox from a dynamic binary', () => {
    expect(isStaticElf(readFileSync('/bin/sh'))).toBe(false);
    if (existsSync('/bin/busybox')) expect(isStaticElf(readFileSync('/bin/busybox'))).toBe(true);
    expect(isStaticElf(Buffer.from('not an elf'))).toBe(false);
  });
});
