/**
 * The report page's script, as the text the report inlines. Its source is real TypeScript,
 * reports/page/browser/page-script.ts, type-checked against the DOM and linked with the modules it
 * imports by the build (scripts/build-page-script.mjs) into dist/reports/page/browser/page-script.js,
 * a classic script; it is read from there once per process, like the chart libraries are read
 * from node_modules (assets.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the build puts it, from the project root (the nearest folder up with a package.json). */
const COMPILED = join('dist', 'reports', 'page', 'browser', 'page-script.js');

function projectRoot(): string {
  // This module runs as dist/reports/page/page-script.js, or from its source under the tests.
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dir !== dirname(dir)) dir = dirname(dir);
  return dir;
}

let cached: string | null = null;

export function loadPageScript(): string {
  if (cached !== null) return cached;
  const path = join(projectRoot(), COMPILED);
  if (!existsSync(path))
    throw new Error(`The report's page script ${path} is missing: build it with \`npm run build\` (or scripts/setup.sh).`);
  cached = readFileSync(path, 'utf8');
  return cached;
}
