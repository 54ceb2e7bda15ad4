/**
 * Reading scenario files: from a command-line argument to a validated Scenario with defaults.
 * Several files are all checked before anything is thrown, so one run reports every mistake.
 */
import { resolve } from 'node:path';
import { isMap, isScalar, type Document, type LineCounter } from 'yaml';
import { parseYamlForCheck } from './yaml-document.js';
import { withDefaults } from './defaults.js';
import { isIdentifier } from './fields.js';
import { resolveScenarioArg, SCENARIO_EXPECTED, SCENARIO_MAX_BYTES } from './resolve-arg.js';
import { readRegularFile } from '../host/file-checks.js';
import { ScenarioValidationError, type ScenarioIssue } from './errors.js';
import type { Scenario } from './types.js';
import { validateScenario, type HostLimits } from './validate.js';

export type { HostLimits } from './validate.js';
export { resolveScenarioArg } from './resolve-arg.js';

/** Parses and validates one scenario's text; `file` is used for messages and Scenario.file. */
export function parseScenario(text: string, file: string, host: HostLimits): Scenario {
  const result = checkText(text, resolve(file), host);
  if (result.scenario === undefined) throw new ScenarioValidationError(result.issues);
  return result.scenario;
}

export function loadScenarioFile(path: string, host: HostLimits): Scenario {
  const result = checkFile(resolve(path), host);
  if (result.scenario === undefined) throw new ScenarioValidationError(result.issues);
  return result.scenario;
}

/**
 * Loads every argument (a path, or a name in scenariosDir) and throws one ScenarioValidationError
 * with the problems of all of them. The same file named twice is loaded once.
 */
export function loadScenarios(args: readonly string[], scenariosDir: string, host: HostLimits): Scenario[] {
  const issues: ScenarioIssue[] = [];
  const scenarios: Scenario[] = [];
  const files = new Set<string>();
  const names = new Map<string, string>();
  for (const arg of args) {
    let file: string;
    try {
      file = resolveScenarioArg(arg, scenariosDir);
    } catch (error) {
      if (!(error instanceof ScenarioValidationError)) throw error;
      issues.push(...error.issues);
      continue;
    }
    if (files.has(file)) continue;
    files.add(file);
    const result = checkFile(file, host);
    issues.push(...result.issues);
    if (result.scenario !== undefined) scenarios.push(result.scenario);
    // Scenario names key the results: checked even when the file has other problems.
    const name = result.name;
    if (name === undefined) continue;
    const first = names.get(name.value);
    if (first === undefined) {
      names.set(name.value, file);
    } else {
      const found = JSON.stringify(name.value);
      issues.push({
        file,
        line: name.line,
        column: name.column,
        field: 'name',
        expected: 'a scenario name not used by another file',
        found,
        message: `duplicate scenario name ${found} (also the name in ${first})`,
      });
    }
  }
  if (issues.length > 0) throw new ScenarioValidationError(issues);
  return scenarios;
}

interface CheckResult {
  scenario?: Scenario;
  issues: ScenarioIssue[];
  /** The scenario's name and where it is written, when it is a valid name. */
  name?: { value: string; line: number; column: number };
}

function checkFile(file: string, host: HostLimits): CheckResult {
  // Never a plain readFileSync: a FIFO would block the harness, a device never ends.
  const read = readRegularFile(file, { maxBytes: SCENARIO_MAX_BYTES, expected: SCENARIO_EXPECTED });
  if (!read.ok) {
    const wrongKind = read.problem.startsWith('is ');
    const message = wrongKind ? read.problem : `cannot read the scenario file: ${read.problem}`;
    const expected = wrongKind ? SCENARIO_EXPECTED : 'a readable file';
    return { issues: [{ file, line: 0, column: 0, field: '', expected, found: read.problem, message }] };
  }
  return checkText(read.value.toString('utf8'), file, host);
}

function checkText(text: string, file: string, host: HostLimits): CheckResult {
  const { checker: c, doc, lines, ok } = parseYamlForCheck(text, file, 'a scenario file');
  if (!ok) return { issues: c.issues };
  const input = validateScenario(c, doc.contents, host);
  const issues = [...c.issues].sort((a, b) => a.line - b.line || a.column - b.column);
  const name = nameOf(doc, lines);
  return { scenario: input && withDefaults(input, file), issues, ...(name && { name }) };
}

function nameOf(doc: Document, lines: LineCounter): CheckResult['name'] {
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'name');
  const node = pair?.value;
  if (!isScalar(node) || !isIdentifier(node.value) || !node.range) return undefined;
  const { line, col } = lines.linePos(node.range[0]);
  return { value: node.value, line, column: col };
}
