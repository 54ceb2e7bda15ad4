/** The key=value words of a marker line ("VMBENCH_STEP name=one threads=2"). */
export function parseMarkerFields(line: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const word of line.split(/\s+/).slice(1)) {
    const eq = word.indexOf('=');
    if (eq > 0) fields[word.slice(0, eq)] = word.slice(eq + 1);
  }
  return fields;
}
