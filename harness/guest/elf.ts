/**
 * Just enough of an ELF reader to resolve a binary's shared libraries without running it: the
 * program interpreter (PT_INTERP), the libraries it needs (DT_NEEDED) and where it says to look
 * (DT_RPATH, DT_RUNPATH). Reading the file instead of running `ldd` means a scenario's binary is
 * never executed on the host while the image is built (ldd runs the binary's own loader), the
 * result does not depend on the caller's LD_LIBRARY_PATH, and the resolver is testable on files.
 * 64- and 32-bit, little- and big-endian.
 */
import { readFileSync } from 'node:fs';

export interface ElfInfo {
  /** 64 or 32. */
  bits: 64 | 32;
  /** e_machine (62 = x86-64): a library of another machine is skipped, as ld.so does. */
  machine: number;
  interpreter: string | null;
  needed: string[];
  rpath: string[];
  runpath: string[];
}

const PT_INTERP = 3;
const PT_DYNAMIC = 2;
const PT_LOAD = 1;
const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_RPATH = 15;
const DT_RUNPATH = 29;

/** null when the bytes are not an ELF file. */
export function parseElf(bytes: Buffer): ElfInfo | null {
  if (bytes.length < 52 || bytes.readUInt32BE(0) !== 0x7f454c46) return null;
  const bits = bytes[4] === 2 ? 64 : bytes[4] === 1 ? 32 : null;
  const little = bytes[5] === 1;
  if (bits === null || (bytes[5] !== 1 && bytes[5] !== 2)) return null;
  const u16 = (o: number): number => (little ? bytes.readUInt16LE(o) : bytes.readUInt16BE(o));
  const u32 = (o: number): number => (little ? bytes.readUInt32LE(o) : bytes.readUInt32BE(o));
  const word = (o: number): number => (bits === 64 ? Number(little ? bytes.readBigUInt64LE(o) : bytes.readBigUInt64BE(o)) : u32(o));
  const machine = u16(18);
  const phoff = word(bits === 64 ? 32 : 28);
  const phentsize = u16(bits === 64 ? 54 : 42);
  const phnum = u16(bits === 64 ? 56 : 44);

  const segments: { type: number; offset: number; vaddr: number; filesz: number }[] = [];
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    if (p + phentsize > bytes.length) return null;
    segments.push(
      bits === 64
        ? { type: u32(p), offset: word(p + 8), vaddr: word(p + 16), filesz: word(p + 32) }
        : { type: u32(p), offset: u32(p + 4), vaddr: u32(p + 8), filesz: u32(p + 16) },
    );
  }
  const cString = (offset: number): string => {
    const end = bytes.indexOf(0, offset);
    return bytes.toString('latin1', offset, end === -1 ? bytes.length : end);
  };
  const interp = segments.find((s) => s.type === PT_INTERP);
  const info: ElfInfo = { bits, machine, interpreter: interp ? cString(interp.offset) : null, needed: [], rpath: [], runpath: [] };

  const dynamic = segments.find((s) => s.type === PT_DYNAMIC);
  if (!dynamic) return info; // static: nothing to load
  const entrySize = bits === 64 ? 16 : 8;
  const entries: [number, number][] = [];
  for (let o = dynamic.offset; o + entrySize <= dynamic.offset + dynamic.filesz; o += entrySize) {
    const tag = word(o);
    if (tag === DT_NULL) break;
    entries.push([tag, word(o + entrySize / 2)]);
  }
  // DT_STRTAB holds a virtual address: map it to a file offset through the load segments.
  const strtabAddr = entries.find(([tag]) => tag === DT_STRTAB)?.[1];
  const load = segments.find(
    (s) => s.type === PT_LOAD && strtabAddr !== undefined && strtabAddr >= s.vaddr && strtabAddr < s.vaddr + s.filesz,
  );
  if (strtabAddr === undefined || !load) return info;
  const strtab = strtabAddr - load.vaddr + load.offset;
  const paths = (value: number): string[] =>
    cString(strtab + value)
      .split(':')
      .filter(Boolean);
  for (const [tag, value] of entries) {
    if (tag === DT_NEEDED) info.needed.push(cString(strtab + value));
    else if (tag === DT_RPATH) info.rpath.push(...paths(value));
    else if (tag === DT_RUNPATH) info.runpath.push(...paths(value));
  }
  return info;
}

export function readElf(path: string): ElfInfo | null {
  return parseElf(readFileSync(path));
}
