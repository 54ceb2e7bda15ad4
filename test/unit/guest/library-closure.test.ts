/** The ELF reader and the library-closure resolver, on synthetic ELF files and on real host binaries. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseElf } from '../../../harness/guest/elf.js';
import { MissingLibraryError, resolveClosure, type SearchConfig } from '../../../harness/guest/library-closure.js';
import { makeElf } from '../../helpers/make-elf.js';

let dir: string;
const none: SearchConfig = { cacheDirs: [], systemDirs: [] };
const write = (path: string, bytes: Buffer): string => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, bytes);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vmbench-elf-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseElf', () => {
  it('reads the interpreter, needed libraries, rpath and runpath', () => {
    const info = parseElf(
      makeElf({ interpreter: '/lib64/ld.so', needed: ['liba.so.1', 'libb.so.2'], rpath: '/opt/r', runpath: '$ORIGIN/../lib:/x' }),
    );
    expect(info).toEqual({
      bits: 64,
      machine: 62,
      interpreter: '/lib64/ld.so',
      needed: ['liba.so.1', 'libb.so.2'],
      rpath: ['/opt/r'],
      runpath: ['$ORIGIN/../lib', '/x'],
    });
  });

  it('gives a static binary no interpreter and no libraries, and refuses non-ELF bytes', () => {
    expect(parseElf(makeElf({ static: true }))).toMatchObject({ interpreter: null, needed: [] });
    expect(parseElf(Buffer.from('#!/bin/sh\necho hello\n'))).toBeNull();
  });
});

describe('resolveClosure', () => {
  it('follows a binary with several libraries through $ORIGIN runpaths, each library once', () => {
    const root = join(dir, 'several');
    const ld = write(join(root, 'lib', 'ld-test.so'), makeElf({ static: true }));
    write(join(root, 'lib', 'libcommon.so.1'), makeElf({ needed: [] }));
    write(join(root, 'lib', 'liba.so.1.0'), makeElf({ needed: ['libcommon.so.1'], runpath: '$ORIGIN' }));
    symlinkSync('liba.so.1.0', join(root, 'lib', 'liba.so.1'));
    write(join(root, 'lib', 'libb.so.2'), makeElf({ needed: ['libcommon.so.1', 'liba.so.1'], runpath: '$ORIGIN' }));
    const app = write(
      join(root, 'bin', 'app'),
      makeElf({ interpreter: ld, needed: ['liba.so.1', 'libb.so.2'], runpath: '$ORIGIN/../lib' }),
    );

    const closure = resolveClosure(app, none);
    expect(closure.files.map((f) => [f.role, f.path])).toEqual([
      ['binary', app],
      ['interpreter', ld],
      ['library', join(root, 'lib', 'liba.so.1')],
      ['library', join(root, 'lib', 'libb.so.2')],
      ['library', join(root, 'lib', 'libcommon.so.1')],
    ]);
    // The symlink is stored under the name the loader asks for, with the real file's bytes.
    expect(closure.files[2]!.realPath).toBe(join(root, 'lib', 'liba.so.1.0'));
    // Found outside the loader's built-in directories: the image must tell its loader where.
    expect(closure.extraSearchDirs).toEqual([join(root, 'lib')]);
  });

  it('searches rpath, then the ld.so.conf directories, then the system ones, skipping libraries of another machine', () => {
    const root = join(dir, 'order');
    write(join(root, 'arm', 'libm1.so'), makeElf({ machine: 183 }));
    write(join(root, 'conf', 'libm1.so'), makeElf({}));
    write(join(root, 'sys', 'libm1.so'), makeElf({}));
    write(join(root, 'rp', 'libr.so'), makeElf({}));
    write(join(root, 'conf', 'libr.so'), makeElf({}));
    const app = write(join(root, 'app'), makeElf({ needed: ['libm1.so', 'libr.so'], rpath: join(root, 'rp') }));
    const closure = resolveClosure(app, { cacheDirs: [join(root, 'arm'), join(root, 'conf')], systemDirs: [join(root, 'sys')] });
    expect(closure.files.map((f) => f.path)).toEqual([app, join(root, 'conf', 'libm1.so'), join(root, 'rp', 'libr.so')]);
  });

  it('gives a static binary alone', () => {
    const app = write(join(dir, 'static', 'app'), makeElf({ static: true }));
    expect(resolveClosure(app, none)).toEqual({ files: [{ path: app, realPath: app, role: 'binary' }], extraSearchDirs: [] });
  });

  it('names a missing library and who needs it', () => {
    const root = join(dir, 'missing');
    write(join(root, 'lib', 'libthere.so'), makeElf({ needed: ['libnot-there.so.9'] }));
    const app = write(join(root, 'app'), makeElf({ needed: ['libthere.so'], runpath: join(root, 'lib') }));
    expect(() => resolveClosure(app, none)).toThrow(MissingLibraryError);
    expect(() => resolveClosure(app, none)).toThrow(`libnot-there.so.9, needed by ${join(root, 'lib', 'libthere.so')}, was not found`);
  });

  it('refuses a file that is not ELF', () => {
    const script = write(join(dir, 'script.sh'), Buffer.from('#!/bin/sh\n'));
    expect(() => resolveClosure(script, none)).toThrow('is not an ELF executable');
  });

  // Real binaries of this host (scripts/setup.sh installs both).
  it.skipIf(!existsSync('/usr/bin/sysbench'))('resolves sysbench on this host: its interpreter, libc and its other libraries', () => {
    const closure = resolveClosure('/usr/bin/sysbench');
    const names = closure.files.map((f) => f.path.split('/').pop());
    expect(closure.files[1]?.role).toBe('interpreter');
    expect(names).toContain('libc.so.6');
    expect(names).toContain('libluajit-5.1.so.2');
    expect(closure.files.length).toBeGreaterThan(10);
    expect(new Set(closure.files.map((f) => f.path)).size).toBe(closure.files.length);
  });

  it.skipIf(!existsSync('/bin/busybox'))("resolves the host's static busybox to itself", () => {
    expect(resolveClosure('/bin/busybox').files.map((f) => f.role)).toEqual(['binary']);
  });
});
