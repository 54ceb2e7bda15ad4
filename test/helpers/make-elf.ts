/**
 * Writes minimal ELF64 little-endian files for the closure resolver's tests: just the program
 * headers the loader (and our reader) look at: PT_LOAD over the whole file, PT_INTERP, and a
 * PT_DYNAMIC with DT_NEEDED, DT_RPATH, DT_RUNPATH and DT_STRTAB. Not runnable, only readable.
 */
export interface ElfSpec {
  interpreter?: string;
  needed?: string[];
  rpath?: string;
  runpath?: string;
  /** e_machine; default 62 (x86-64). */
  machine?: number;
  /** No PT_DYNAMIC at all (a static binary). */
  static?: boolean;
}

export function makeElf(spec: ElfSpec): Buffer {
  const strings: string[] = [];
  const strtabParts: Buffer[] = [Buffer.from([0])];
  let strtabSize = 1;
  const addString = (s: string): number => {
    const at = strtabSize;
    strings.push(s);
    const b = Buffer.from(`${s}\0`, 'latin1');
    strtabParts.push(b);
    strtabSize += b.length;
    return at;
  };
  const dyn: [number, number][] = [];
  if (!spec.static) {
    for (const n of spec.needed ?? []) dyn.push([1, addString(n)]);
    if (spec.rpath !== undefined) dyn.push([15, addString(spec.rpath)]);
    if (spec.runpath !== undefined) dyn.push([29, addString(spec.runpath)]);
  }
  const strtab = Buffer.concat(strtabParts);
  const interp = spec.interpreter === undefined ? Buffer.alloc(0) : Buffer.from(`${spec.interpreter}\0`, 'latin1');
  const phnum = 1 + (interp.length ? 1 : 0) + (spec.static ? 0 : 1);
  const interpOff = 64 + phnum * 56;
  const strtabOff = interpOff + interp.length;
  const dynOff = strtabOff + strtab.length;
  const dynEntries = spec.static ? [] : [...dyn, [5, strtabOff] as [number, number], [0, 0] as [number, number]];
  const size = dynOff + dynEntries.length * 16;
  const b = Buffer.alloc(size);
  b.writeUInt32BE(0x7f454c46, 0);
  b[4] = 2;
  b[5] = 1;
  b[6] = 1;
  b.writeUInt16LE(3, 16);
  b.writeUInt16LE(spec.machine ?? 62, 18);
  b.writeUInt32LE(1, 20);
  b.writeBigUInt64LE(64n, 32);
  b.writeUInt16LE(64, 52);
  b.writeUInt16LE(56, 54);
  b.writeUInt16LE(phnum, 56);
  let ph = 64;
  const phdr = (type: number, offset: number, filesz: number): void => {
    b.writeUInt32LE(type, ph);
    b.writeBigUInt64LE(BigInt(offset), ph + 8);
    b.writeBigUInt64LE(BigInt(offset), ph + 16);
    b.writeBigUInt64LE(BigInt(filesz), ph + 32);
    b.writeBigUInt64LE(BigInt(filesz), ph + 40);
    ph += 56;
  };
  phdr(1, 0, size);
  if (interp.length) phdr(3, interpOff, interp.length);
  if (!spec.static) phdr(2, dynOff, dynEntries.length * 16);
  interp.copy(b, interpOff);
  strtab.copy(b, strtabOff);
  dynEntries.forEach(([tag, value], i) => {
    b.writeBigUInt64LE(BigInt(tag), dynOff + i * 16);
    b.writeBigUInt64LE(BigInt(value), dynOff + i * 16 + 8);
  });
  return b;
}
