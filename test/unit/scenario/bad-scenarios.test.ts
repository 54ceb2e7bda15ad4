/** The bad-scenario corpus: every file in test/fixtures/bad-scenarios/ against expected.json. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ScenarioValidationError, type ScenarioIssue } from '../../../harness/scenario/errors.js';
import { loadScenarioFile, type HostLimits } from '../../../harness/scenario/load.js';

interface ExpectedIssue {
  line: number;
  column: number;
  field: string;
  messageIncludes: string;
}

const dir = fileURLToPath(new URL('../../fixtures/bad-scenarios/', import.meta.url));
const table = JSON.parse(readFileSync(`${dir}expected.json`, 'utf8')) as {
  host: HostLimits;
  files: Record<string, ExpectedIssue[]>;
};
const fixtures = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

function issuesOf(file: string): ScenarioIssue[] {
  try {
    loadScenarioFile(`${dir}${file}`, table.host);
  } catch (error) {
    if (error instanceof ScenarioValidationError) return error.issues;
    throw error;
  }
  return [];
}

describe('bad scenario corpus', () => {
  it('has an expectation for every fixture and a fixture for every expectation', () => {
    expect(Object.keys(table.files).sort()).toEqual(fixtures);
    expect(fixtures.length).toBeGreaterThanOrEqual(28);
  });

  describe.each(Object.entries(table.files))('%s', (file, expected) => {
    it('reports exactly the expected issues, in order', () => {
      const issues = issuesOf(file);
      expect(issues.map(({ line, column, field }) => ({ line, column, field }))).toEqual(
        expected.map(({ line, column, field }) => ({ line, column, field })),
      );
      issues.forEach((issue, i) => expect(issue.message).toContain(expected[i]!.messageIncludes));
    });

    it('says what was expected and what was found, without a stack trace', () => {
      for (const issue of issuesOf(file)) {
        expect(issue.file).toBe(`${dir}${file}`);
        expect(issue.expected).not.toBe('');
        expect(issue.found).not.toBe('');
        expect(issue.message).not.toMatch(/\n|\s+at\s.+:\d+:\d+/);
      }
    });
  });
});
