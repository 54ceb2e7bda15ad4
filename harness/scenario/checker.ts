/**
 * The issue collector of one file: turns a YAML node into file:line:column and describes what was
 * found, so every check reports the same way and none of them throws.
 */
import { isAlias, isMap, isNode, isScalar, isSeq, type Document, type LineCounter, type Range } from 'yaml';
import type { ScenarioIssue } from './errors.js';

/** A value under check: its dotted path, its node (null when absent) and the key it sits under. */
export interface Field {
  path: string;
  value: unknown;
  key?: unknown;
}

const MAX_SHOWN_CHARS = 60;

export class Checker {
  readonly issues: ScenarioIssue[] = [];

  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
    private readonly doc: Document,
  ) {}

  /** The node an alias (`*x`) stands for; aliases are checked as their target, reported where written. */
  resolve(node: unknown): unknown {
    return isAlias(node) ? (node.resolve(this.doc) ?? null) : node;
  }

  /** Reports at a field (its value, or its key when the value is empty) or at a bare node (`at`: a Field or a YAML node). */
  report(at: unknown, expected: string, found: string, message?: string): void {
    const field = isField(at) ? at.path : '';
    const { line, column } = this.position(isField(at) ? placeOf(at) : at);
    message ??= `expected ${expected}, found ${found}`;
    this.issues.push({ file: this.file, line, column, field, expected, found, message });
  }

  /** The usual case: the value is not what the field takes. */
  wrong(at: Field, expected: string, suffix = ''): void {
    const found = this.describe(at.value);
    this.report(at, expected, found, `expected ${expected}, found ${found}${suffix}`);
  }

  /** Shown after "found": strings quoted (so "10" reads as text), other scalars as written. */
  describe(node: unknown): string {
    const target = this.resolve(node);
    if (isAlias(node) && target === null) return `*${node.source} (no such anchor)`;
    if (isMap(target)) return target.items.length === 0 ? 'an empty mapping' : 'a mapping';
    if (isSeq(target)) return target.items.length === 0 ? 'an empty list' : 'a list';
    if (!isScalar(target)) return 'nothing';
    const { value } = target;
    if (typeof value === 'string') return JSON.stringify(shorten(value));
    if (value === null) return target.source === '' || target.source === undefined ? 'nothing' : 'null';
    if (typeof target.source === 'string' && target.source !== '') return target.source;
    return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : JSON.stringify(value);
  }

  private position(at: unknown): { line: number; column: number } {
    const offset = hasRange(at) ? at.range?.[0] : undefined;
    if (offset === undefined) return { line: 1, column: 1 };
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }
}

/** YAML nodes, and the bare `{ range }` of a syntax error. */
function hasRange(at: unknown): at is { range?: Range | null } {
  return typeof at === 'object' && at !== null && 'range' in at;
}

function isField(at: unknown): at is Field {
  return typeof at === 'object' && at !== null && 'path' in at && !isNode(at);
}

/** `iterations:` with nothing after it has an empty node past the colon: point at the key instead. */
function placeOf(field: Field): unknown {
  const range = isNode(field.value) ? field.value.range : undefined;
  const empty = range === undefined || range === null || range[1] <= range[0];
  return empty && field.key !== undefined ? field.key : field.value;
}

function shorten(text: string): string {
  return text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}…` : text;
}
