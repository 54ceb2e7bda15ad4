/**
 * A YAML file parsed for validation: its syntax errors reported one per line through a Checker,
 * so every file vmbench validates (scenarios, compare's thresholds) reports the same way.
 */
import { LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import { Checker } from './checker.js';

export interface ParsedYaml {
  checker: Checker;
  doc: Document;
  lines: LineCounter;
  /** false when the text is not valid YAML (the checker holds why). */
  ok: boolean;
}

/** `what` names the file kind in messages: "a scenario file holds one document …". */
export function parseYamlForCheck(text: string, file: string, what: string): ParsedYaml {
  const lines = new LineCounter();
  // prettyErrors off: positions come from our LineCounter, messages stay one line.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const checker = new Checker(file, lines, doc);
  if (doc.errors.length > 0) reportSyntaxErrors(checker, lines, doc.errors, text, what);
  return { checker, doc, lines, ok: doc.errors.length === 0 };
}

/** One issue per line: a YAML error often cascades into more on the same line. */
function reportSyntaxErrors(c: Checker, lines: LineCounter, errors: readonly YAMLError[], text: string, what: string): void {
  const seen = new Set<number>();
  for (const { pos, code, message } of errors) {
    const { line } = lines.linePos(pos[0]);
    if (seen.has(line)) continue;
    seen.add(line);
    const found = syntaxMessage(code, message, text.slice(pos[0]), what);
    c.report({ range: [pos[0], pos[1], pos[1]] }, 'valid YAML', found, `invalid YAML: ${found}`);
  }
}

/** The parser's words, except where they name the key or talk about the parser's own API. */
function syntaxMessage(code: YAMLError['code'], message: string, rest: string, what: string): string {
  if (code === 'DUPLICATE_KEY') return `duplicate key ${JSON.stringify(/^[^:\n]*/.exec(rest)![0].trim())}`;
  if (code === 'MULTIPLE_DOCS') return `${what} holds one document, found a second one after "---"`;
  return message;
}
