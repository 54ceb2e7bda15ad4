import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadThresholds, parseThresholds } from '../../../harness/compare/thresholds-file.js';
import { ruleFor } from '../../../harness/compare/thresholds.js';
import { ScenarioValidationError, type ScenarioIssue } from '../../../harness/scenario/errors.js';
import { catchIssues } from '../../helpers/validation-issues.js';

function issuesOf(text: string): ScenarioIssue[] {
  return catchIssues(() => parseThresholds(text, '/ci/thresholds.yaml'));
}

describe('thresholds file', () => {
  it('reads alpha, the default minimum effect and per-metric rules (first match wins)', () => {
    const t = parseThresholds(
      [
        'alpha: 0.001',
        'minEffect: 3%',
        'metrics:',
        '  - metric: teardown',
        '    minEffect: 20%',
        '  - metric: "phase:*"',
        '    runtime: qemu-*',
        '    ignore: true',
        '  - metric: "*"',
        '    scenario: density',
        '    minEffect: 10',
      ].join('\n'),
      '/ci/thresholds.yaml',
    );
    expect(t.alpha).toBe(0.001);
    expect(t.minEffect).toBeCloseTo(0.03, 12);
    expect(t.rules).toHaveLength(3);
    expect(ruleFor(t, { scenario: 'startup', runtime: 'runc', metric: 'teardown' })?.minEffect).toBeCloseTo(0.2, 12);
    expect(ruleFor(t, { scenario: 'startup', runtime: 'qemu-q35', metric: 'phase:kernel_to_init' })?.ignore).toBe(true);
    expect(ruleFor(t, { scenario: 'startup', runtime: 'runc', metric: 'phase:runtime_setup' })).toBeUndefined();
    expect(ruleFor(t, { scenario: 'density', runtime: 'runc', metric: 'memory.pss' })?.minEffect).toBeCloseTo(0.1, 12);
  });

  it('takes JSON too, and an empty metrics list', () => {
    const t = parseThresholds('{"alpha": 0.05, "minEffect": "10%", "metrics": []}', '/ci/t.json');
    expect(t).toEqual({ alpha: 0.05, minEffect: 0.1, rules: [] });
  });

  it('reports every problem with file:line:column, field, expected and found', () => {
    const issues = issuesOf(
      [
        'alpha: 2',
        'minEfect: 5%',
        'metrics:',
        '  - metric: startup',
        '    minEffect: lots',
        '  - runtime: runc',
        '    ignore: true',
        '  - metric: teardown',
      ].join('\n'),
    );
    const by = (field: string): ScenarioIssue | undefined => issues.find((i) => i.field === field);
    expect(by('alpha')).toMatchObject({
      file: '/ci/thresholds.yaml',
      line: 1,
      column: 8,
      expected: 'a number from 1e-9 to 0.5',
      found: '2',
    });
    expect(by('minEfect')).toMatchObject({ line: 2, column: 1 });
    expect(by('minEfect')?.message).toMatch(/did you mean "minEffect"/);
    expect(by('metrics[0].minEffect')).toMatchObject({
      line: 5,
      column: 16,
      expected: 'a percentage from 0% to 1000%, like 5%',
      found: '"lots"',
    });
    expect(by('metrics[1].metric')).toMatchObject({ line: 6, found: 'nothing' });
    expect(by('metrics[2]')).toMatchObject({ line: 8, expected: 'minEffect or ignore' });
    expect(issues).toHaveLength(5);
  });

  it('reports invalid YAML and a file that is not a mapping', () => {
    expect(issuesOf('metrics: [unclosed')[0]?.message).toMatch(/^invalid YAML/);
    expect(issuesOf('- 1\n- 2')[0]).toMatchObject({ field: '', expected: 'a mapping of alpha, minEffect and metrics', found: 'a list' });
  });

  const dir = mkdtempSync(join(tmpdir(), 'vmbench-thresholds-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file, and refuses a directory or a missing file with the reason', () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, 'minEffect: 7%\n');
    expect(loadThresholds(file).minEffect).toBeCloseTo(0.07, 12);
    mkdirSync(join(dir, 'sub'));
    for (const path of [join(dir, 'sub'), join(dir, 'missing.yaml')]) {
      expect(() => loadThresholds(path)).toThrow(ScenarioValidationError);
    }
  });
});
