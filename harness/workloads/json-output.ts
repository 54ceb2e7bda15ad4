/**
 * The JSON document a tool printed inside a step (fio --output-format=json, iperf3 -J): from the
 * first line that opens an object to the last that closes one, so a warning line before it (or a
 * console line of a VM's kernel) does not hide it. null when there is none or it does not parse.
 */
export function jsonDocument(text: string): unknown {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.trimStart().startsWith('{'));
  let last = -1;
  for (let i = lines.length - 1; i >= 0; i--)
    if (lines[i]!.trimEnd().endsWith('}')) {
      last = i;
      break;
    }
  if (first < 0 || last < first) return null;
  try {
    return JSON.parse(lines.slice(first, last + 1).join('\n')) as unknown;
  } catch {
    return null;
  }
}

/** A number at a path of keys in parsed JSON; null when any step is missing or not finite. */
export function numberAt(doc: unknown, path: readonly string[]): number | null {
  let at: unknown = doc;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return null;
    at = (at as Record<string, unknown>)[key];
  }
  return typeof at === 'number' && Number.isFinite(at) ? at : null;
}
