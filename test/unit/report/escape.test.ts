import { describe, expect, it } from 'vitest';
import { escapeHtml, html, inlineScriptText, jsonForScript, trustedHtml } from '../../../reports/escape.js';
import { renderHtmlReport } from '../../../reports/render-html.js';
import { makeRunWithHostileName, XSS_RUNTIME } from '../../fixtures/report/make-run-data.js';
import { readJsonScript, scriptTags } from '../../fixtures/report/html-helpers.js';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('jsonForScript', () => {
  const hostile = { name: XSS_RUNTIME, comment: '<!-- x -->', amp: 'a&b', ls: 'a\u2028b\u2029c' };

  it('contains no character that could end or change a script element', () => {
    const out = jsonForScript(hostile);
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
  });

  it('round-trips through JSON.parse unchanged', () => {
    expect(JSON.parse(jsonForScript(hostile))).toEqual(hostile);
  });

  it('refuses values that are not JSON', () => {
    expect(() => jsonForScript(undefined)).toThrow(TypeError);
  });
});

describe('html template', () => {
  it('escapes interpolated strings and passes trusted markup through', () => {
    const name = '<b>x</b>';
    expect(html`<td>${name}</td>${trustedHtml('<br>')}`.value).toBe('<td>&lt;b&gt;x&lt;/b&gt;</td><br>');
  });

  it('escapes inside attributes and joins arrays', () => {
    expect(html`<i title="${'" onmouseover="x'}">${['a', '<', 1]}</i>`.value).toBe('<i title="&quot; onmouseover=&quot;x">a&lt;1</i>');
  });

  it('drops null, undefined and false', () => {
    expect(html`${null}${undefined}${false}x`.value).toBe('x');
  });
});

describe('inlineScriptText', () => {
  it('neutralises </script inside trusted code', () => {
    expect(inlineScriptText('var s = "</script>";')).toBe('var s = "<\\/script>";');
  });
});

describe('a runtime named like markup in a rendered report', () => {
  const run = makeRunWithHostileName();
  const page = renderHtmlReport({ runs: [run] });

  it('adds no script element: only the two JSON blocks and the three inlined scripts exist', () => {
    const tags = scriptTags(page);
    expect(tags.filter((t) => t.includes('application/json'))).toHaveLength(2);
    expect(tags).toHaveLength(5);
    expect(page).not.toContain('window.__pwned=1</script>');
    expect(page).not.toContain('<b>x</b>');
  });

  it('appears as escaped text in the tables', () => {
    expect(page).toContain(escapeHtml(XSS_RUNTIME));
  });

  it('survives as data in the embedded JSON', () => {
    const data = readJsonScript(page, 'vmbench-data') as { runs: Array<{ summary: { runtimes: Array<{ runtime: string }> } }> };
    expect(data.runs[0]?.summary.runtimes.map((r) => r.runtime)).toContain(XSS_RUNTIME);
    const specs = readJsonScript(page, 'vmbench-chart-specs') as Array<{
      config: { data: { datasets: Array<{ runtime?: string }> } } | null;
    }>;
    const runtimes = specs.flatMap((s) => s.config?.data.datasets.map((d) => d.runtime) ?? []);
    expect(runtimes).toContain(XSS_RUNTIME);
  });
});
