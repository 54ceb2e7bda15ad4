import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadScenarios, resolveScenarioArg } from '../../../harness/scenario/load.js';
import { catchIssues } from '../../helpers/validation-issues.js';

const good = fileURLToPath(new URL('../../fixtures/good-scenarios/', import.meta.url));
const bad = fileURLToPath(new URL('../../fixtures/bad-scenarios/', import.meta.url));
const host = { memTotalMiB: 4096, cores: 4 };

describe('resolveScenarioArg', () => {
  it('finds a name in the scenarios folder with .yaml, .yml or its full file name', () => {
    expect(resolveScenarioArg('minimal', good)).toBe(join(good, 'minimal.yaml'));
    expect(resolveScenarioArg('units', good)).toBe(join(good, 'units.yml'));
    expect(resolveScenarioArg('full.yaml', good)).toBe(join(good, 'full.yaml'));
  });

  it('takes a path to a file anywhere, made absolute', () => {
    const relativePath = 'test/fixtures/bad-scenarios/empty.yaml';
    expect(resolveScenarioArg(relativePath, good)).toBe(resolve(relativePath));
    expect(resolveScenarioArg(`${bad}empty.yaml`, good)).toBe(`${bad}empty.yaml`);
  });

  it('does not look up names containing a slash in the scenarios folder', () => {
    expect(catchIssues(() => resolveScenarioArg('sub/minimal', good))).toHaveLength(1);
  });

  it('lists the available names, with a suggestion, when nothing matches', () => {
    const [issue] = catchIssues(() => resolveScenarioArg('minimall', good));
    expect(issue).toMatchObject({ file: 'minimall', line: 0, found: '"minimall"' });
    expect(issue!.message).toContain('(did you mean "minimal"?)');
    expect(issue!.message).toContain('available: anchors, density-defaults, density-full, full, minimal, units');
  });

  it('says "none" when the scenarios folder is missing', () => {
    const [issue] = catchIssues(() => resolveScenarioArg('x', join(good, 'nope')));
    expect(issue!.message).toContain('available: none');
  });
});

describe('loadScenarios', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vmbench-scenarios-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads several scenarios in argument order, the same file once', () => {
    const scenarios = loadScenarios(['full', 'minimal', `${good}full.yaml`], good, host);
    expect(scenarios.map((s) => s.name)).toEqual(['full_1.0', 'minimal']);
  });

  it('checks every file before throwing and collects every issue of every file', () => {
    const args = ['minimal', `${bad}unknown-key.yaml`, 'missing', `${bad}many-problems.yaml`, `${bad}empty.yaml`];
    const issues = catchIssues(() => loadScenarios(args, good, host));
    expect(issues.map((i) => [i.file, i.line])).toEqual([
      [`${bad}unknown-key.yaml`, 3],
      ['missing', 0],
      ...[2, 4, 5, 6, 11, 12, 15].map((line) => [`${bad}many-problems.yaml`, line]),
      [`${bad}empty.yaml`, 1],
    ]);
  });

  it('rejects the same scenario name in two files, at the second name', () => {
    writeFileSync(join(dir, 'a.yaml'), 'name: same\nworkload: hello\nruntimes: [runc]\n');
    writeFileSync(join(dir, 'b.yaml'), '# copy of a\nname: same\nworkload: idle\nruntimes: [crun]\n');
    const issues = catchIssues(() => loadScenarios(['a', 'b'], dir, host));
    expect(issues).toEqual([
      {
        file: join(dir, 'b.yaml'),
        line: 2,
        column: 7,
        field: 'name',
        expected: 'a scenario name not used by another file',
        found: '"same"',
        message: `duplicate scenario name "same" (also the name in ${join(dir, 'a.yaml')})`,
      },
    ]);
  });

  it('reports a duplicate name even when the file has other problems', () => {
    writeFileSync(join(dir, 'a.yaml'), 'name: same\nworkload: hello\nruntimes: [runc]\n');
    writeFileSync(join(dir, 'b.yaml'), 'name: same\nworkload: hello\niterations: 0\nruntimes: [runc]\n');
    const issues = catchIssues(() => loadScenarios(['a', 'b'], dir, host));
    expect(issues.map((i) => i.field)).toEqual(['iterations', 'name']);
  });

  it('returns nothing for no arguments', () => {
    expect(loadScenarios([], good, host)).toEqual([]);
  });
});
