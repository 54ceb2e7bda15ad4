/**
 * Everything that puts data into the page goes through here. Names of scenarios and runtimes,
 * error messages and environment strings come from files a user (or a misbehaving runtime) wrote,
 * so the report treats them as text, never as markup or code.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text → HTML text or quoted attribute value. Quotes are escaped too, so one function serves both. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * JSON that can sit inside `<script type="application/json">` and be read back with
 * `JSON.parse(el.textContent)`. `<` and `>` are escaped so no `</script>` or `<!--` can end or
 * change the element; `&` so the text means the same if someone pastes it into HTML; U+2028 and
 * U+2029 because older JavaScript parsers treat them as line ends. All are `\uXXXX` escapes, which
 * JSON.parse turns back into the original characters: the data round-trips unchanged.
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('value is not representable as JSON');
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Trusted JavaScript (our own page script, the vendored Chart.js bundles) made safe to inline in a
 * `<script>` element: a literal `</script` inside a string or comment would end the element early.
 * `<\/script` means the same to JavaScript in strings, template literals and regular expressions.
 */
export function inlineScriptText(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** Markup that is already safe: produced by `html` or by escaping. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function renderValue(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  return escapeHtml(String(value));
}

/**
 * Tagged template that escapes every interpolated value unless it is SafeHtml: forgetting to escape
 * is impossible, only explicitly trusted markup (`trustedHtml`) passes through unchanged.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += renderValue(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Markup written by this code base (never data): passes through `html` unescaped. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Joins fragments (e.g. table rows) into one SafeHtml. */
export function joinHtml(parts: readonly SafeHtml[], separator = ''): SafeHtml {
  return new SafeHtml(parts.map((p) => p.value).join(separator));
}
