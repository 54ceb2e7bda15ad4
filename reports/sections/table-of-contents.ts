/** The small table of contents under the header. */
import { html, type SafeHtml } from '../escape.js';

export interface TocEntry {
  id: string;
  title: string;
  children?: TocEntry[];
}

function entry(e: TocEntry): SafeHtml {
  return html`<li><a href="#${e.id}">${e.title}</a>${
    e.children !== undefined && e.children.length > 0 ? html`<ol>${e.children.map(entry)}</ol>` : null
  }</li>`;
}

export function renderToc(entries: readonly TocEntry[]): SafeHtml {
  return html`<nav class="toc" aria-label="Contents"><ol>${entries.map(entry)}</ol></nav>`;
}
