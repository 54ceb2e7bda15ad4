/**
 * A host binary and every file the dynamic loader would map for it: its ELF interpreter and each
 * DT_NEEDED library, recursively, found the way glibc's ld.so searches (DT_RPATH when there is
 * no DT_RUNPATH, then DT_RUNPATH, then the ld.so.cache, whose directories are those of
 * /etc/ld.so.conf, then the system directories). LD_LIBRARY_PATH is ignored on purpose: the image
 * must not depend on the shell vmbench was started from. See elf.ts for why ELF is parsed
 * rather than `ldd` run.
 */
import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { parseElf, type ElfInfo } from './elf.js';

export interface ClosureFile {
  /** Where the loader finds it (the path the binary or a search directory names). */
  path: string;
  /** The file's real path on the host (symlinks resolved): its bytes go into the image. */
  realPath: string;
  role: 'binary' | 'interpreter' | 'library';
}

export interface LibraryClosure {
  files: ClosureFile[];
  /** Directories a library was found in that the loader inside the image would not search. */
  extraSearchDirs: string[];
}

export interface SearchConfig {
  /** Directories of the ld.so.cache (in /etc/ld.so.conf order). */
  cacheDirs: string[];
  /** Directories the loader searches without a cache (compiled into ld.so). */
  systemDirs: string[];
}

export class MissingLibraryError extends Error {}

/** glibc on Debian/Ubuntu x86-64 (`ld.so --help` lists these as the system search path). */
export const SYSTEM_DIRS = ['/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu', '/lib64', '/usr/lib64', '/lib', '/usr/lib'];

export function hostSearchConfig(confFile = '/etc/ld.so.conf'): SearchConfig {
  return { cacheDirs: readLdSoConf(confFile, new Set()), systemDirs: SYSTEM_DIRS };
}

/** The directories of ld.so.conf, following `include` globs (only `*` in the last part). */
function readLdSoConf(file: string, seen: Set<string>): string[] {
  if (seen.has(file) || !existsSync(file)) return [];
  seen.add(file);
  const dirs: string[] = [];
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const include = /^include\s+(\S+)/.exec(line);
    if (!include) {
      if (isAbsolute(line)) dirs.push(line);
      continue;
    }
    const pattern = include[1]!;
    const dir = dirname(pattern);
    const re = new RegExp(
      `^${basename(pattern)
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')}$`,
    );
    const names = existsSync(dir)
      ? readdirSync(dir)
          .filter((n) => re.test(n))
          .sort()
      : [];
    for (const name of names) dirs.push(...readLdSoConf(join(dir, name), seen));
  }
  return dirs;
}

/**
 * @throws MissingLibraryError naming the library and who needs it, when one cannot be found
 * @throws Error when `binary` is not an ELF file
 */
export function resolveClosure(binary: string, config: SearchConfig = hostSearchConfig()): LibraryClosure {
  const main = readInfo(binary);
  if (!main) throw new Error(`${binary} is not an ELF executable`);
  const files: ClosureFile[] = [{ path: binary, realPath: realpathSync(binary), role: 'binary' }];
  const have = new Set([binary]);
  if (main.interpreter) {
    if (!existsSync(main.interpreter))
      throw new MissingLibraryError(`${binary} needs its ELF interpreter ${main.interpreter}, which does not exist`);
    files.push({ path: main.interpreter, realPath: realpathSync(main.interpreter), role: 'interpreter' });
    have.add(main.interpreter);
  }
  const extraDirs = new Set<string>();
  const loaded = new Set<string>(); // sonames already resolved, as ld.so keeps one copy each
  const queue: { path: string; info: ElfInfo }[] = [{ path: binary, info: main }];
  while (queue.length > 0) {
    const { path, info } = queue.shift()!;
    for (const soname of info.needed) {
      if (loaded.has(soname)) continue;
      const found = findLibrary(soname, path, info, main, binary, config);
      if (!found)
        throw new MissingLibraryError(
          `${soname}, needed by ${path}, was not found (searched its rpath/runpath, /etc/ld.so.conf and ${config.systemDirs.join(', ')})`,
        );
      loaded.add(soname);
      const dir = dirname(found.path);
      if (!config.systemDirs.includes(dir)) extraDirs.add(dir);
      if (have.has(found.path)) continue;
      have.add(found.path);
      files.push({ path: found.path, realPath: realpathSync(found.path), role: 'library' });
      queue.push(found);
    }
  }
  return { files, extraSearchDirs: [...extraDirs] };
}

function readInfo(path: string): ElfInfo | null {
  try {
    if (!statSync(path).isFile()) return null;
    return parseElf(readFileSync(path));
  } catch {
    return null;
  }
}

function findLibrary(
  soname: string,
  requester: string,
  req: ElfInfo,
  main: ElfInfo,
  mainPath: string,
  config: SearchConfig,
): { path: string; info: ElfInfo } | null {
  const compatible = (info: ElfInfo | null): info is ElfInfo => info !== null && info.bits === main.bits && info.machine === main.machine;
  if (soname.includes('/')) {
    const info = readInfo(soname);
    return compatible(info) ? { path: soname, info } : null;
  }
  const origin =
    (p: string) =>
    (d: string): string =>
      d.replace(/\$(ORIGIN|\{ORIGIN\})/g, dirname(realpathSync(p)));
  const dirs = [
    // DT_RPATH counts only when the requester has no DT_RUNPATH; the executable's applies too.
    ...(req.runpath.length === 0
      ? [...req.rpath.map(origin(requester)), ...(main.runpath.length === 0 ? main.rpath.map(origin(mainPath)) : [])]
      : []),
    ...req.runpath.map(origin(requester)),
    ...config.cacheDirs,
    ...config.systemDirs,
  ];
  for (const dir of dirs) {
    const candidate = join(dir, soname);
    const info = readInfo(candidate);
    if (compatible(info)) return { path: candidate, info };
  }
  return null;
}
