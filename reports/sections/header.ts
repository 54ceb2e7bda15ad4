/** Top of a single-run report: what ran where and when, and whether the run finished. */
import type { EnvInfo, RunMeta } from '../../harness/results/format.js';
import { hasDensity } from '../density-facts.js';
import { html, type SafeHtml } from '../escape.js';
import { formatBytes, formatDuration, formatTimestamp } from '../format-numbers.js';
import type { RunView } from './run-view.js';

export function statusBadge(meta: RunMeta): SafeHtml {
  return html`<span class="status ${meta.status === 'complete' ? 'status-complete' : 'status-other'}">${meta.status}</span>`;
}

/** A loud banner for any run that did not finish: its numbers cover only part of the plan. */
export function incompleteBanner(meta: RunMeta, complete: boolean): SafeHtml | null {
  if (meta.status === 'complete' && complete) return null;
  const what =
    meta.status === 'running'
      ? 'the run was still measuring (or its harness died) when this report was made'
      : meta.status === 'interrupted'
        ? 'the run was interrupted'
        : meta.status === 'failed'
          ? 'the harness failed during the run'
          : 'the summary marks the run as incomplete';
  return html`<div class="banner-incomplete" role="alert"><strong>INCOMPLETE RUN</strong> — status “${meta.status}”: ${what}. The figures cover only the ${meta.samples} samples recorded before it stopped; runtimes or iterations may be missing.</div>`;
}

export function hostFacts(env: EnvInfo): SafeHtml {
  return html`
    <div><dt>Host kernel</dt><dd>${env.hostKernel}</dd></div>
    <div><dt>Host virtualization</dt><dd>${env.hostVirtualization}</dd></div>
    <div><dt>CPU</dt><dd>${env.cpuModel}</dd></div>
    <div><dt>Cores</dt><dd>${env.cores}</dd></div>
    <div><dt>Memory</dt><dd>${formatBytes(env.memTotalBytes)}</dd></div>`;
}

/** How many instances the density runs launched (startup samples do not count them). */
function densityLaunches(view: RunView): SafeHtml | null {
  const steps = view.run.density.filter((r) => r.type === 'density-step');
  if (steps.length === 0) return null;
  const notOk = steps.filter((s) => s.outcome !== 'ok').length;
  return html`<div><dt>Density launches</dt><dd>${steps.length}, ${notOk} not ok</dd></div>`;
}

export function renderHeader(view: RunView): SafeHtml {
  const { meta, env, summary, dir } = view.run;
  return html`<header class="report-header" id="${view.idPrefix}top">
  <h1>vmbench report <span class="muted">· run ${meta.runId}</span></h1>
  <p class="subtitle">${hasDensity(view.run) ? 'Startup, teardown, memory and density' : 'Startup and teardown'} of the same busybox workload in virtual machines and Linux containers, measured on this host.</p>
  <dl class="facts">
    <div><dt>Run</dt><dd class="mono">${meta.runId}</dd></div>
    <div><dt>Status</dt><dd>${statusBadge(meta)}</dd></div>
    <div><dt>Started</dt><dd>${formatTimestamp(meta.startedAt)}</dd></div>
    <div><dt>Duration</dt><dd>${formatDuration(meta.startedAt, meta.finishedAt)}</dd></div>
    <div><dt>Samples</dt><dd>${meta.samples} recorded, ${meta.failures} measured not ok</dd></div>
    ${densityLaunches(view)}
    <div><dt>Results</dt><dd class="mono">${dir}</dd></div>
    ${hostFacts(env)}
  </dl>
  ${incompleteBanner(meta, summary.complete)}
</header>`;
}
