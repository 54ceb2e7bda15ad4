/**
 * From a command-line argument to a scenario file: a path, or a name in the scenarios folder.
 * A miss is a ScenarioValidationError like any other problem, so loadScenarios can collect it.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join, resolve, sep } from 'node:path';
import { didYouMean } from './did-you-mean.js';
import { ScenarioValidationError } from './errors.js';
import { checkRegularFile } from '../host/file-checks.js';

const EXTENSIONS = ['.yaml', '.yml'];

/** A scenario is a few hundred bytes; anything this large is not one (and is not read). */
export const SCENARIO_MAX_BYTES = 1024 * 1024;
export const SCENARIO_EXPECTED = 'a regular YAML scenario file';

/**
 * An existing file path, else (for a bare name) `<scenariosDir>/<arg>`, `.yaml` or `.yml`.
 * Returns the absolute path; throws a ScenarioValidationError listing the available names.
 */
export function resolveScenarioArg(arg: string, scenariosDir: string): string {
  const bare = !arg.includes('/') && !arg.includes(sep);
  // Something is at the path itself: say what it is rather than "no such file".
  if (arg !== '' && exists(arg)) {
    const checked = checkRegularFile(arg, { maxBytes: SCENARIO_MAX_BYTES, expected: SCENARIO_EXPECTED });
    if (checked.ok) return checked.value.path;
    if (!bare || !statSync(arg, { throwIfNoEntry: false })?.isDirectory()) throw pathIssue(arg, checked.problem);
  }
  const candidates = [arg, ...(bare && arg !== '' ? ['', ...EXTENSIONS].map((ext) => join(scenariosDir, arg + ext)) : [])];
  const file = candidates.find(isFile);
  if (file !== undefined) return resolve(file);
  const available = scenarioNames(scenariosDir);
  const close = didYouMean(basename(arg, extname(arg)), available);
  const hint = close === undefined ? '' : ` (did you mean "${close}"?)`;
  const list = available.length > 0 ? available.join(', ') : 'none';
  const expected = `a scenario file, or the name of one in ${scenariosDir} (${list})`;
  const found = JSON.stringify(arg);
  const message = `no scenario ${found}: no such file, nor a name in ${scenariosDir}${hint}; available: ${list}`;
  throw new ScenarioValidationError([{ file: arg, line: 0, column: 0, field: '', expected, found, message }]);
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** "/tmp: is a directory; expected a regular YAML scenario file" */
function pathIssue(arg: string, problem: string): ScenarioValidationError {
  const found = problem.replace(/; expected .*$/, '').replace(/^is /, '');
  return new ScenarioValidationError([{ file: arg, line: 0, column: 0, field: '', expected: SCENARIO_EXPECTED, found, message: problem }]);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function scenarioNames(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const names = entries.filter((e) => EXTENSIONS.includes(extname(e))).map((e) => basename(e, extname(e)));
  return [...new Set(names)].sort();
}
