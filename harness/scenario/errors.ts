/**
 * Scenario problems are collected, not thrown one by one: a user fixing a file wants every
 * mistake of every file in one go, each with the place to look (file:line:column) and the field.
 */
import { isAbsolute, relative } from 'node:path';

export interface ScenarioIssue {
  /** The scenario file (absolute), or the command-line argument when no file was found. */
  file: string;
  /** 1-based; 0 when the issue has no position (missing or unreadable file). */
  line: number;
  column: number;
  /** Dotted path of the offending field, e.g. `runtimes[1].memory`; '' for the whole file. */
  field: string;
  expected: string;
  found: string;
  /** The full sentence shown to the user. */
  message: string;
}

export class ScenarioValidationError extends Error {
  override name = 'ScenarioValidationError';
  readonly issues: ScenarioIssue[];

  constructor(issues: ScenarioIssue[]) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`Invalid scenario: ${count}\n${formatIssues(issues)}`);
    this.issues = issues;
  }
}

/** One line per issue, in the `file:line:column: field: message` form editors and terminals link. */
export function formatIssues(issues: readonly ScenarioIssue[], cwd: string = process.cwd()): string {
  return issues.map((issue) => formatIssue(issue, cwd)).join('\n');
}

function formatIssue({ file, line, column, field, message }: ScenarioIssue, cwd: string): string {
  const where = line > 0 ? `${displayPath(file, cwd)}:${line}:${column}` : displayPath(file, cwd);
  return field === '' ? `${where}: ${message}` : `${where}: ${field}: ${message}`;
}

/** Paths under the working directory are shown relative: shorter, and still clickable. */
function displayPath(file: string, cwd: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}
