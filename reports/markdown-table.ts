/** GitHub-flavoured Markdown tables whose cells hold data as text. */

/**
 * A cell: `|` would split the cell and a newline would end the row; `<`, `*`, `_`, `` ` ``, `[`
 * and `~` would turn a name like `<b>x</b>` or `*a*` into HTML, emphasis, code or a link, and `&`
 * into an entity. Backslash-escaping ASCII punctuation is valid GFM and renders as the character.
 * Characters that only matter at the start of a line (`-`, `#`, `+`) stay as they are: cells and
 * list items never start a line with data.
 */
export function escapeMarkdownCell(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&]/g, (c) => (c === '&' ? '&amp;' : `\\${c}`)).replace(/\r\n|\r|\n/g, '<br>');
}

/** Text outside tables (list items, headings): same escaping, newlines become spaces. */
export function escapeMarkdownText(text: string): string {
  return escapeMarkdownCell(text.replace(/\r\n|\r|\n/g, ' '));
}

export type Align = 'left' | 'right';

export interface MarkdownColumn {
  title: string;
  align?: Align;
}

/** Plain text (escaped here) or Markdown this code base wrote itself (passed through). */
export type MarkdownCell = string | { markdown: string };

function cell(c: MarkdownCell): string {
  return typeof c === 'string' ? escapeMarkdownCell(c) : c.markdown;
}

export function markdownTable(columns: readonly MarkdownColumn[], rows: readonly (readonly MarkdownCell[])[]): string {
  const header = `| ${columns.map((c) => escapeMarkdownCell(c.title)).join(' | ')} |`;
  const rule = `|${columns.map((c) => (c.align === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
  const body = rows.map((r) => `| ${r.map(cell).join(' | ')} |`);
  return [header, rule, ...body].join('\n');
}
