/**
 * Finds the init and ready marker lines in an instance's console stream and timestamps them.
 * The timestamp is taken by the caller when the chunk arrives, before any parsing, so the scan's
 * own cost (measured in env.json as markerScanNs) never delays it.
 */
import { INIT_MARKER, PROBE_MARKER, READY_MARKER } from '../workloads/scripts.js';

export interface MarkerLine {
  kind: 'init' | 'ready' | 'probe';
  atNs: bigint;
  fields: Record<string, string>;
}

/** Console output kept only up to one partial line; QEMU's boot chatter is not retained. */
const MAX_PARTIAL = 4096;

export class MarkerScanner {
  #partial = '';
  #tail: string[] = [];

  /** Feed one chunk; returns the marker lines it completed. */
  push(chunk: string, atNs: bigint): MarkerLine[] {
    const found: MarkerLine[] = [];
    const text = this.#partial + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const line = text.slice(start, nl).replace(/\r$/, '');
      start = nl + 1;
      this.#remember(line);
      const marker = parseMarker(line, atNs);
      if (marker) found.push(marker);
    }
    this.#partial = text.slice(start).slice(-MAX_PARTIAL);
    return found;
  }

  /** The last few console lines, for failure reasons. */
  tail(): string {
    return [...this.#tail, this.#partial].filter(Boolean).join(' | ').slice(-600);
  }

  #remember(line: string): void {
    if (!line.trim()) return;
    this.#tail.push(line.trim());
    if (this.#tail.length > 5) this.#tail.shift();
  }
}

export function parseMarker(line: string, atNs: bigint): MarkerLine | null {
  const at = line.indexOf('VMBENCH_');
  if (at === -1) return null;
  const [tag, ...rest] = line.slice(at).split(' ');
  const kind = tag === READY_MARKER ? 'ready' : tag === INIT_MARKER ? 'init' : tag === PROBE_MARKER ? 'probe' : null;
  if (!kind) return null;
  const fields: Record<string, string> = {};
  for (const pair of rest) {
    const eq = pair.indexOf('=');
    if (eq > 0) fields[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return { kind, atNs, fields };
}
