import { describe, expect, it } from 'vitest';
import { formatIssues, ScenarioValidationError, type ScenarioIssue } from '../../../harness/scenario/errors.js';

const issue = (over: Partial<ScenarioIssue>): ScenarioIssue => ({
  file: '/repo/scenarios/x.yaml',
  line: 7,
  column: 5,
  field: 'runtimes[1].memory',
  expected: 'a size like 128M or 1G',
  found: '"12Q"',
  message: 'expected a size like 128M or 1G, found "12Q"',
  ...over,
});

describe('formatIssues', () => {
  it('shows paths under the working directory relative', () => {
    expect(formatIssues([issue({})], '/repo')).toBe(
      'scenarios/x.yaml:7:5: runtimes[1].memory: expected a size like 128M or 1G, found "12Q"',
    );
  });

  it('keeps other paths absolute and leaves out what an issue lacks', () => {
    const issues = [issue({ field: '' }), issue({ file: 'nope', line: 0, column: 0, field: '', message: 'no scenario "nope"' })];
    expect(formatIssues(issues, '/elsewhere').split('\n')).toEqual([
      '/repo/scenarios/x.yaml:7:5: expected a size like 128M or 1G, found "12Q"',
      'nope: no scenario "nope"',
    ]);
  });
});

describe('ScenarioValidationError', () => {
  it('carries the issues and counts them in its message', () => {
    const error = new ScenarioValidationError([issue({}), issue({ line: 9 })]);
    expect(error.name).toBe('ScenarioValidationError');
    expect(error.issues).toHaveLength(2);
    expect(error.message.split('\n')[0]).toBe('Invalid scenario: 2 problems');
  });
});
