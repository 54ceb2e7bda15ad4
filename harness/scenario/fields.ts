/**
 * Typed readers for YAML values. Each returns the value, or undefined after reporting why not, so
 * a validator can read every field of a file and collect every problem in one pass.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Checker, Field } from './checker.js';
import { suggestion } from './did-you-mean.js';
import { parseDurationMs, parsePercent } from './units.js';

/** Names become file names and container ids: nothing that could be a path or need quoting. */
const IDENTIFIER = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const IDENTIFIER_EXPECTED = 'a name of at most 64 characters a-z, 0-9, ".", "_" or "-", starting with a letter or digit';

export function isIdentifier(value: unknown): value is string {
  return typeof value === 'string' && IDENTIFIER.test(value);
}

/** "a, b or c", for messages. */
export function oneOf(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

export function child(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/**
 * A mapping whose keys must come from `known`: unknown keys are reported at the key, with a
 * suggestion. Returns the known fields present, by key.
 */
export function readMapping<K extends string>(
  c: Checker,
  field: Field,
  known: readonly K[],
  expected: string,
): Partial<Record<K, Field>> | undefined {
  const node = c.resolve(field.value);
  if (!isMap(node)) {
    c.wrong(field, expected);
    return undefined;
  }
  const fields: Partial<Record<K, Field>> = {};
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const path = child(field.path, key ?? '?');
    if (key === undefined) {
      c.report(
        { path, value: pair.key },
        'a plain key',
        c.describe(pair.key),
        `expected a plain key, found ${c.describe(pair.key)} as a key`,
      );
    } else if (isKnown(key, known)) {
      fields[key] = { path, value: pair.value, key: pair.key };
    } else {
      const hint = suggestion(key, known) || ` (known keys: ${known.join(', ')})`;
      c.report({ path, value: pair.key }, `one of ${oneOf(known)}`, JSON.stringify(key), `unknown key ${JSON.stringify(key)}${hint}`);
    }
  }
  return fields;
}

function isKnown<K extends string>(key: string, known: readonly K[]): key is K {
  return (known as readonly string[]).includes(key);
}

/** Reports a required key that is absent, at the mapping that lacks it. */
export function missing(c: Checker, parent: Field, key: string, expected: string): undefined {
  c.report(
    { path: child(parent.path, key), value: c.resolve(parent.value) },
    expected,
    'nothing',
    `missing required key "${key}" (expected ${expected})`,
  );
  return undefined;
}

export function readList(c: Checker, field: Field, expected: string): Field[] | undefined {
  const node = c.resolve(field.value);
  if (!isSeq(node)) {
    c.wrong(field, expected);
    return undefined;
  }
  return node.items.map((value, index) => ({ path: child(field.path, index), value }));
}

/** The plain JS value of a scalar (after aliases), or undefined for collections. */
export function scalarValue(c: Checker, field: Field): unknown {
  const node = c.resolve(field.value);
  return isScalar(node) ? node.value : undefined;
}

export function readString(c: Checker, field: Field): string | undefined {
  const value = scalarValue(c, field);
  if (typeof value === 'string') return value;
  c.wrong(field, 'a string');
  return undefined;
}

export function readIdentifier(c: Checker, field: Field): string | undefined {
  const value = scalarValue(c, field);
  if (isIdentifier(value)) return value;
  const tooLong = typeof value === 'string' && value.length > 64 ? ` (${value.length} characters)` : '';
  c.wrong(field, IDENTIFIER_EXPECTED, tooLong);
  return undefined;
}

export function readBoolean(c: Checker, field: Field): boolean | undefined {
  const value = scalarValue(c, field);
  if (typeof value === 'boolean') return value;
  c.wrong(field, 'true or false');
  return undefined;
}

export function readInteger(c: Checker, field: Field, min: number, max: number, note = ''): number | undefined {
  const value = scalarValue(c, field);
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  c.wrong(field, `an integer from ${min} to ${max}${note}`);
  return undefined;
}

/** Any finite number in [min, max], fractions allowed (a percentage). */
export function readNumber(c: Checker, field: Field, min: number, max: number): number | undefined {
  const value = scalarValue(c, field);
  if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return value;
  c.wrong(field, `a number from ${min} to ${max}`);
  return undefined;
}

/** A duration string or seconds, more than 0 and at most maxMs (spelt maxText in messages). */
export function readDuration(c: Checker, field: Field, maxMs: number, maxText: string): number | undefined {
  const value = scalarValue(c, field);
  const ms = typeof value === 'string' || typeof value === 'number' ? parseDurationMs(value) : undefined;
  if (ms === undefined) {
    c.wrong(field, 'a duration like 500ms, 60s or 2m (or a number of seconds)');
  } else if (ms <= 0 || ms > maxMs) {
    c.wrong(field, `a duration greater than 0 and at most ${maxText}`);
  } else {
    return ms;
  }
  return undefined;
}

/** One of a fixed set of strings; a near miss gets a did-you-mean. */
export function readEnum<T extends string>(c: Checker, field: Field, values: readonly T[]): T | undefined {
  const value = scalarValue(c, field);
  if (typeof value === 'string' && isKnown(value, values)) return value;
  const hint = typeof value === 'string' ? suggestion(value, values) : '';
  c.wrong(field, oneOf(values), hint);
  return undefined;
}

/** "5%" (or 5, percent) as a fraction, from min to max (fractions: 0.05 = 5 %). */
export function readPercent(c: Checker, field: Field, min: number, max: number): number | undefined {
  const raw = scalarValue(c, field);
  const value = typeof raw === 'string' || typeof raw === 'number' ? parsePercent(raw) : undefined;
  if (value !== undefined && value >= min && value <= max) return value;
  const show = (f: number): string => `${Number((f * 100).toPrecision(6))}%`;
  c.wrong(field, `a percentage from ${show(min)} to ${show(max)}, like 5%`);
  return undefined;
}
