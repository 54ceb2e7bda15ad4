import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** runc and crun: one directory per container, named by its id. */
export function stateDirOf(stateRoot: string, containerId: string): string[] {
  const dir = join(stateRoot, containerId);
  return existsSync(dir) ? [dir] : [];
}

/** Files directly in stateRoot whose names start with prefix (runsc: "<id>_sandbox:<id>.state", ".lock"). */
export function stateFilesWithPrefix(stateRoot: string, prefix: string): string[] {
  try {
    return readdirSync(stateRoot)
      .filter((name) => name.startsWith(prefix))
      .map((name) => join(stateRoot, name));
  } catch {
    return [];
  }
}
