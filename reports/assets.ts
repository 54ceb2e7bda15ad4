/**
 * The chart libraries, read from node_modules when a report is rendered and inlined into it: the
 * page must open offline, years later, with nothing fetched from a CDN. Paths are resolved through
 * Node's module resolution so a hoisted or nested install works alike.
 */
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface InlineAsset {
  /** npm package the code comes from, and its version (shown in the report's footer). */
  packageName: string;
  version: string;
  code: string;
}

export interface ChartAssets {
  chartJs: InlineAsset;
  boxplotPlugin: InlineAsset;
}

const require = createRequire(import.meta.url);

/** The package's own package.json, found by walking up from its resolved entry point. */
function findPackageVersion(entry: string, packageName: string): string {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown; version?: unknown };
    if (parsed.name === packageName && typeof parsed.version === 'string') return parsed.version;
  }
  return 'unknown';
}

/** Reads the UMD bundle next to the package's resolved entry point (both ship in one folder). */
function readUmdBundle(packageName: string, bundleFile: string): InlineAsset {
  let entry: string;
  try {
    entry = require.resolve(packageName);
  } catch (cause) {
    throw new Error(`The report needs the npm package ${packageName}; run \`npm install\` in the project.`, { cause });
  }
  const path = join(dirname(entry), bundleFile);
  if (!existsSync(path)) throw new Error(`${packageName} is installed but has no ${bundleFile} (looked at ${path}).`);
  // The source-map comment would make browser devtools try to fetch a .map file next to the report.
  const code = readFileSync(path, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/gm, '');
  return { packageName, version: findPackageVersion(entry, packageName), code };
}

let cached: ChartAssets | null = null;

export function loadChartAssets(): ChartAssets {
  cached ??= {
    chartJs: readUmdBundle('chart.js', 'chart.umd.min.js'),
    boxplotPlugin: readUmdBundle('@sgratzl/chartjs-chart-boxplot', 'index.umd.min.js'),
  };
  return cached;
}
