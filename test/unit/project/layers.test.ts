/**
 * Dependencies point one way: CLI → run pipeline → runtimes/measure → host; reports read results.
 * Each rule names a folder and the folders its files may not import (static imports, `export …
 * from` and dynamic `import()` alike, resolved from the importing file). Type-only imports count
 * too: a type is a dependency on the module that owns it.
 *
 * The rules:
 * - only harness/cli/ composes presentation: nothing else under harness/ imports reports/
 *   (the run is handed its result views, harness/cli/report-views.ts);
 * - harness/host/ (facts about this machine) imports no runtime backend, run pipeline or CLI;
 * - reports/ reads results: it imports no part that runs anything (CLI, pipeline, runtimes,
 *   host, processes, lifecycle, the measurement loops);
 * - the run pipeline (harness/run/) knows no flags, exit codes or renderers: no CLI, no reports;
 * - runtimes are driven by the pipeline and never drive it: no CLI, pipeline or reports.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..', '..');

interface Rule {
  folder: string;
  except?: string[];
  mayNotImport: string[];
}

const RUN_PARTS = [
  'harness/cli',
  'harness/run',
  'harness/runner',
  'harness/runtimes',
  'harness/host',
  'harness/process',
  'harness/lifecycle',
  'harness/plumbing',
  'harness/density',
  'harness/limits',
  'harness/measure',
  'harness/memory',
  'harness/guest',
];

const RULES: Rule[] = [
  { folder: 'harness', except: ['harness/cli'], mayNotImport: ['reports'] },
  { folder: 'harness/host', mayNotImport: ['harness/runtimes', 'harness/run', 'harness/runner', 'harness/cli', 'reports'] },
  { folder: 'reports', mayNotImport: RUN_PARTS },
  { folder: 'harness/run', mayNotImport: ['harness/cli', 'reports'] },
  { folder: 'harness/runtimes', mayNotImport: ['harness/cli', 'harness/run', 'reports'] },
];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative module a file names, as a path from the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  return specs.filter((s) => s.startsWith('.')).map((s) => relative(root, resolve(dirname(file), s)));
}

const inside = (path: string, folder: string): boolean => path === folder || path.startsWith(`${folder}/`);

function violations(rule: Rule): string[] {
  const found: string[] = [];
  for (const file of tsFiles(join(root, rule.folder))) {
    const from = relative(root, file);
    if (rule.except?.some((e) => inside(from, e))) continue;
    for (const target of importsOf(file)) {
      const banned = rule.mayNotImport.find((f) => inside(target, f));
      if (banned) found.push(`${from} imports ${target} (${rule.folder} may not import ${banned})`);
    }
  }
  return found;
}

describe('layers', () => {
  for (const rule of RULES) {
    it(`${rule.folder}${rule.except ? ` (except ${rule.except.join(', ')})` : ''} imports none of ${rule.mayNotImport.join(', ')}`, () => {
      expect(violations(rule)).toEqual([]);
    });
  }

  it('sees the imports it checks: the CLI, which may, is reported when the rule is turned on it', () => {
    // Guards the scanner itself: if it found no imports at all, every rule would pass.
    expect(violations({ folder: 'harness/cli', mayNotImport: ['reports'] })).toContain(
      'harness/cli/report-views.ts imports reports/render-html.js (harness/cli may not import reports)',
    );
    expect(importsOf(join(root, 'harness/results/write-results.ts'))).toContain('harness/results/atomic-write.js');
  });
});
