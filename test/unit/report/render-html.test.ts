import { describe, expect, it } from 'vitest';
import { loadChartAssets } from '../../../reports/assets.js';
import { deriveCaveats } from '../../../reports/caveats.js';
import { evaluateClaims } from '../../../reports/claims.js';
import { escapeHtml } from '../../../reports/escape.js';
import { formatDurationMs } from '../../../harness/format-duration.js';
import { renderHtmlReport } from '../../../reports/render-html.js';
import { flattenFields } from '../../../reports/sections/environment.js';
import { makeEnv, makeRunData, withSamples } from '../../fixtures/report/make-run-data.js';
import { idsIn, readJsonScript } from '../../fixtures/report/html-helpers.js';

const run = makeRunData();
const page = renderHtmlReport({ runs: [run] });

describe('the page is self-contained', () => {
  it('inlines Chart.js and the boxplot plugin, without source-map references', () => {
    const assets = loadChartAssets();
    expect(assets.chartJs.version).toMatch(/^4\./);
    expect(assets.boxplotPlugin.version).toMatch(/^4\./);
    expect(page).toContain(assets.chartJs.code.slice(0, 200));
    expect(page).not.toMatch(/sourceMappingURL/);
  });

  it('loads nothing: no external src/href, and a CSP that forbids network access', () => {
    expect(page).not.toMatch(/<(script|link|img|iframe|audio|video|source)\b[^>]*\b(src|href)\s*=\s*["']?(https?:|\/\/)/i);
    expect(page).not.toMatch(/@import|@font-face|url\(\s*["']?https?:/i);
    expect(page).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src (&#39;sha256-[A-Za-z0-9+/=]+&#39; ?){3};/,
    );
  });

  it('has a table of contents whose links all resolve', () => {
    const ids = new Set(idsIn(page));
    const links = [...page.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(5);
    for (const id of links) expect(ids).toContain(id);
  });
});

describe('header and caveats', () => {
  it('shows host facts from env.json', () => {
    expect(page).toContain(escapeHtml(run.env.cpuModel));
    expect(page).toContain('24.0 GiB');
    expect(page).not.toContain('INCOMPLETE RUN');
  });

  it('shows an INCOMPLETE RUN banner when the run did not finish', () => {
    const interrupted = renderHtmlReport({ runs: [makeRunData({ status: 'interrupted' })] });
    expect(interrupted).toMatch(/class="banner-incomplete" role="alert"><strong>INCOMPLETE RUN<\/strong>/);
  });

  it('derives the TCG caveat from env.kvm and the samples', () => {
    const noDensity = makeRunData({ density: 'none' });
    const [first] = deriveCaveats(noDensity);
    expect(first?.text).toBe(
      `VMs (qemu-q35, qemu-microvm) ran under TCG software emulation because KVM did not boot a guest here (reason: ${run.env.kvm.reason}): VM times are not what KVM gives.`,
    );
    const noDevice = { ...noDensity, env: makeEnv({ kvm: { ...run.env.kvm, devicePresent: false, reason: 'no /dev/kvm' } }) };
    expect(deriveCaveats(noDevice)[0]?.text).toContain('because /dev/kvm is not usable here (reason: no /dev/kvm)');
    const kvmRun = withSamples(noDensity, (s) => (s.kind === 'vm' ? { ...s, accel: 'kvm' } : s));
    expect(deriveCaveats(kvmRun).some((c) => c.text.includes('TCG'))).toBe(false);
  });

  it('adds to the TCG caveat that VM memory includes the translated-code buffer when density VMs ran under TCG', () => {
    const [first] = deriveCaveats(run);
    expect(first?.text).toMatch(/^VMs \(qemu-q35, qemu-microvm\) ran under TCG .* Their memory includes QEMU's translated-code buffer/);
    const densityOnly = makeRunData({ runtimes: [], failures: [] });
    expect(deriveCaveats(densityOnly)[0]?.text).toMatch(/^VMs \(qemu-q35, qemu-microvm\) ran under TCG/);
  });

  it('warns when harness timer jitter is large next to the fastest median', () => {
    const jittery = { ...run, env: makeEnv({ harness: { ...run.env.harness, eventLoopDelayP99Ms: 3 } }) };
    expect(deriveCaveats(jittery).some((c) => c.text.includes('event-loop delay reached 3.00 ms'))).toBe(true);
  });
});

describe('summary table', () => {
  it('has a row per runtime and metric with the median formatted to 3 significant digits', () => {
    for (const rs of run.summary.runtimes) {
      const row = new RegExp(
        `<tr[^>]*data-runtime="${escapeHtml(rs.runtime)}" data-metric="startup">[\\s\\S]*?data-cell="median"><strong>${formatDurationMs(rs.startup.median)}</strong>`,
      );
      expect(page).toMatch(row);
    }
  });

  it('shows the harness warnings next to the table', () => {
    for (const w of run.summary.warnings) expect(page).toContain(escapeHtml(w.message));
  });
});

describe('claims, environment and failures', () => {
  it('shows every verdict of evaluateClaims', () => {
    for (const v of evaluateClaims(run)) {
      expect(page).toMatch(new RegExp(`<tr data-claim="${v.id}">[\\s\\S]*?data-verdict="${v.verdict}"`));
    }
  });

  it('lists every field of env.json, harness overhead included', () => {
    for (const field of flattenFields(run.env)) expect(page).toContain(`<dt>${field.path}</dt>`);
    expect(page).toContain('<dt>harness.eventLoopDelayP99Ms</dt>');
  });

  it('lists every sample that did not reach ready, with its error text', () => {
    const bad = run.samples.filter((s) => s.outcome !== 'ok');
    expect(bad).toHaveLength(3);
    for (const s of bad) {
      expect(page).toContain(`data-runtime="${s.runtime}" data-outcome="${s.outcome}"`);
      expect(page).toContain(escapeHtml(s.error as string));
    }
  });

  it('embeds summary and claims for readers’ scripts', () => {
    const data = readJsonScript(page, 'vmbench-data') as { runs: Array<{ summary: unknown; claims: unknown }> };
    expect(data.runs[0]?.summary).toEqual(run.summary);
    expect(data.runs[0]?.claims).toEqual(evaluateClaims(run));
  });
});

describe('renderHtmlReport input', () => {
  it('needs at least one run', () => {
    expect(() => renderHtmlReport({ runs: [] })).toThrow(RangeError);
  });
});

describe('launch floor caveat', () => {
  it('says how much of the fastest startup the harness spawn cost is', async () => {
    const { deriveCaveats } = await import('../../../reports/caveats.js');
    const { makeRunData } = await import('../../fixtures/report/make-run-data.js');
    const run = makeRunData({ failures: [] });
    const caveat = deriveCaveats(run).find((c) => c.text.includes('launch floor'));
    expect(caveat?.text).toMatch(/launch floor of 1\.40 ms .* \d+% of the fastest median startup \(namespaces, [\d.]+ ms\)/);
    expect(caveat?.severity).toBe('warning');
  });
});
