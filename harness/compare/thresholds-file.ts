/**
 * `vmbench compare --baseline FILE`: per-metric thresholds for CI, in YAML (or JSON, which is
 * YAML), validated like a scenario: every problem at once, as file:line:column: field: expected,
 * found. Format (README "Comparing runs"):
 *
 *   alpha: 0.01            # significance level of the whole comparison (Holm-corrected)
 *   minEffect: 5%          # default minimum effect
 *   metrics:               # first matching rule wins; globs with *
 *     - metric: teardown
 *       minEffect: 20%
 *     - metric: "phase:*"
 *       runtime: qemu-*
 *       ignore: true
 */
import type { Checker, Field } from '../scenario/checker.js';
import { ScenarioValidationError } from '../scenario/errors.js';
import { readBoolean, readList, readMapping, readNumber, readPercent, readString } from '../scenario/fields.js';
import { parseYamlForCheck } from '../scenario/yaml-document.js';
import { readRegularFile } from '../host/file-checks.js';
import { METRIC_NAMES_HELP } from './metric-series.js';
import { DEFAULT_ALPHA, DEFAULT_MIN_EFFECT, type ThresholdRule, type Thresholds } from './thresholds.js';
import { resolve } from 'node:path';

const TOP_KEYS = ['alpha', 'minEffect', 'metrics'] as const;
const RULE_KEYS = ['metric', 'scenario', 'runtime', 'minEffect', 'ignore'] as const;
const MAX_BYTES = 1024 * 1024;
export const MAX_ALPHA = 0.5;
export const MAX_MIN_EFFECT = 10; // 1000 %

const readEffect = (c: Checker, field: Field): number | undefined => readPercent(c, field, 0, MAX_MIN_EFFECT);

function readGlob(c: Checker, field: Field): string | undefined {
  const value = readString(c, field);
  if (value === undefined) return undefined;
  if (value === '' || value.length > 200) {
    c.wrong(field, 'a name or a glob with * (1 to 200 characters)');
    return undefined;
  }
  return value;
}

function readRule(c: Checker, field: Field): ThresholdRule | undefined {
  const f = readMapping(c, field, RULE_KEYS, `a mapping with metric (${METRIC_NAMES_HELP}) and minEffect or ignore`);
  if (f === undefined) return undefined;
  if (f.metric === undefined) {
    c.report(
      { path: `${field.path}.metric`, value: c.resolve(field.value) },
      `a metric name or glob (${METRIC_NAMES_HELP})`,
      'nothing',
      `missing required key "metric" (expected a metric name or glob: ${METRIC_NAMES_HELP})`,
    );
  }
  if (f.minEffect === undefined && f.ignore === undefined) {
    c.report(
      { path: field.path, value: c.resolve(field.value) },
      'minEffect or ignore',
      'neither',
      'a rule needs minEffect (a percentage) or ignore: true',
    );
  }
  const rule = {
    metric: f.metric && readGlob(c, f.metric),
    scenario: f.scenario && readGlob(c, f.scenario),
    runtime: f.runtime && readGlob(c, f.runtime),
    minEffect: f.minEffect && readEffect(c, f.minEffect),
    ignore: f.ignore && readBoolean(c, f.ignore),
  };
  if (rule.metric === undefined) return undefined;
  const out: ThresholdRule = { metric: rule.metric };
  if (rule.scenario !== undefined) out.scenario = rule.scenario;
  if (rule.runtime !== undefined) out.runtime = rule.runtime;
  if (rule.minEffect !== undefined) out.minEffect = rule.minEffect;
  if (rule.ignore !== undefined) out.ignore = rule.ignore;
  return out;
}

/** Validates the text of a thresholds file; throws ScenarioValidationError with every problem. */
export function parseThresholds(text: string, file: string): Thresholds {
  const { checker: c, doc, ok } = parseYamlForCheck(text, file, 'a thresholds file');
  if (!ok) throw new ScenarioValidationError(c.issues);
  const top: Field = { path: '', value: doc.contents };
  const expected = 'a mapping of alpha, minEffect and metrics';
  const f = doc.contents === null ? (c.report(top, expected, 'an empty file'), undefined) : readMapping(c, top, TOP_KEYS, expected);
  const thresholds: Thresholds = { alpha: DEFAULT_ALPHA, minEffect: DEFAULT_MIN_EFFECT, rules: [] };
  if (f !== undefined) {
    if (f.alpha) thresholds.alpha = readNumber(c, f.alpha, 1e-9, MAX_ALPHA) ?? thresholds.alpha;
    if (f.minEffect) thresholds.minEffect = readEffect(c, f.minEffect) ?? thresholds.minEffect;
    if (f.metrics) {
      for (const item of readList(c, f.metrics, 'a list of rules ({metric, minEffect} or {metric, ignore: true})') ?? []) {
        const rule = readRule(c, item);
        if (rule !== undefined) thresholds.rules.push({ ...rule, source: `${file}:${item.path}` });
      }
    }
  }
  if (c.issues.length > 0) throw new ScenarioValidationError([...c.issues].sort((a, b) => a.line - b.line || a.column - b.column));
  return thresholds;
}

/** Reads and validates a thresholds file (a regular file of at most 1 MiB). */
export function loadThresholds(path: string): Thresholds {
  const file = resolve(path);
  const read = readRegularFile(file, { maxBytes: MAX_BYTES, expected: 'a regular YAML or JSON thresholds file' });
  if (!read.ok) {
    throw new ScenarioValidationError([
      {
        file,
        line: 0,
        column: 0,
        field: '',
        expected: 'a readable thresholds file',
        found: read.problem,
        message: `cannot read the thresholds file: ${read.problem}`,
      },
    ]);
  }
  return parseThresholds(read.value.toString('utf8'), file);
}
