/**
 * C7: Copy-on-write snapshots are created almost instantly and take little space.
 * Decided from a provisioning scenario (provisioning.jsonl, summarize-provisioning.ts): the full
 * copy (`cp -a`) is the baseline. A copy-on-write method (overlayfs, btrfs snapshot, qcow2
 * backing file) keeps the claim when
 *  - "almost instantly": one instance is made at least FASTER_THAN_COPY times faster than a full
 *    copy (the lower end of the ratio's 95% CI) and in at most INSTANT_MS (median, its process
 *    spawn included);
 *  - "little space": one instance takes at most SPACE_FRACTION of the base by both readings (the
 *    method's own tool, and the second total reading ÷ instances);
 *  - an instance started from one of its clones reached ready on it (when the scenario started one).
 * Supported when every measured copy-on-write method keeps it; a method this host cannot run is
 * named, not scored.
 */
import { METHOD_LABELS, type MethodSummary, type ProvisioningSummary } from '../../harness/stats/summarize-provisioning.js';
import { ratioOfMedians } from '../../harness/stats/ratio.js';
import { formatDurationMs } from '../../harness/format-duration.js';
import { PROVISIONING_TIME_ID } from '../charts/c7-provisioning-charts.js';
import { formatBytes, formatRatio, formatRatioInterval } from '../format-numbers.js';
import { hasProvisioning, provisioningSummaries } from '../provisioning-facts.js';
import type { RunData } from '../report-input.js';
import { CLAIM_STATEMENTS } from './claim-statements.js';
import type { ClaimVerdict } from './claim-verdict.js';
import { notMeasuredInThisRun, notMeasuredVerdict } from './not-measured.js';

export const FASTER_THAN_COPY = 5;
export const INSTANT_MS = 50;
export const SPACE_FRACTION = 0.02;

const notMeasured = notMeasuredInThisRun('C7');

interface Check {
  method: MethodSummary['method'];
  pass: boolean;
  text: string;
}

function startText(m: MethodSummary): { ok: boolean; text: string } {
  if (m.start === null) return { ok: true, text: 'no instance was started on it (the scenario has no runtime of that kind)' };
  if (m.start.outcome === 'ok')
    return { ok: true, text: `${m.start.runtime} started on a clone and reached ready in ${formatDurationMs(m.start.startupMs)}` };
  return { ok: false, text: `${m.start.runtime} did not start on a clone (${m.start.outcome}: ${m.start.error ?? 'no reason'})` };
}

function check(m: MethodSummary, copy: MethodSummary, baseBytes: number): Check {
  const ratio = ratioOfMedians(copy.times, m.times);
  const low = ratio.ci95?.[0] ?? ratio.ratio;
  const fast = low >= FASTER_THAN_COPY && m.ms!.median <= INSTANT_MS;
  const own = m.bytes?.median ?? null;
  const worst = Math.max(own ?? Infinity, m.totalPerInstance ?? Infinity);
  const small = Number.isFinite(worst) && worst <= SPACE_FRACTION * baseBytes;
  const start = startText(m);
  const pass = fast && small && start.ok;
  const text =
    `${METHOD_LABELS[m.method]} (${m.ok} instances): ${formatDurationMs(m.ms!.median)} per instance, ${formatRatio(ratio.ratio)} faster than a full copy (95% CI ${formatRatioInterval(ratio.ci95)})${fast ? '' : ' → not "almost instantly"'}; ` +
    `${formatBytes(own)} per instance by ${m.bytesSource}, ${formatBytes(m.totalPerInstance)} by ${m.totalSource} ÷ instances (${((100 * worst) / baseBytes).toPrecision(2)}% of the base)${small ? '' : ' → not "little space"'}; ${start.text}.`;
  return { method: m.method, pass, text };
}

function evaluateScenario(s: ProvisioningSummary): { checks: Check[]; lines: string[]; copy: MethodSummary | undefined } {
  const copy = s.methods.find((m) => m.method === 'copy' && m.notMeasured === null && m.ms !== null);
  const lines: string[] = [];
  const cow = s.methods.filter((m) => m.method !== 'copy');
  for (const m of cow.filter((x) => x.notMeasured !== null)) lines.push(`${METHOD_LABELS[m.method]}: not measured: ${m.notMeasured}`);
  if (!copy || !s.base) return { checks: [], lines, copy };
  const checks = cow.filter((m) => m.notMeasured === null && m.ms !== null).map((m) => check(m, copy, s.base!.baseBytes));
  lines.unshift(
    `Baseline: a full copy (cp -a) of the ${formatBytes(s.base.baseBytes)} base (${s.base.files} files) took ${formatDurationMs(copy.ms!.median)} per instance (${copy.ok} copies; then ${formatDurationMs(copy.syncMs?.median)} to sync it to disk) and ${formatBytes(copy.bytes?.median)}; spawning a process costs ${formatDurationMs(s.base.spawnFloorMs)} of every time here.`,
  );
  return { checks, lines, copy };
}

export function evaluateC7(run: RunData): ClaimVerdict {
  if (!hasProvisioning(run)) return notMeasured(run);
  const results = provisioningSummaries(run).map(evaluateScenario);
  const checks = results.flatMap((r) => r.checks);
  if (results.every((r) => !r.copy)) {
    return {
      ...notMeasuredVerdict(
        'C7',
        'Not measured: the provisioning scenario made no full copy (cp -a), the baseline "almost instantly" and "little space" are judged against.',
      ),
      chartId: PROVISIONING_TIME_ID,
    };
  }
  if (checks.length === 0) {
    return {
      ...notMeasuredVerdict('C7', `Not measured: no copy-on-write method could run here. ${results.flatMap((r) => r.lines).join(' ')}`),
      chartId: PROVISIONING_TIME_ID,
    };
  }
  const failing = checks.filter((c) => !c.pass);
  const supported = failing.length === 0;
  const head = supported
    ? `Every copy-on-write method measured made an instance at least ${FASTER_THAN_COPY}× faster than a full copy and within ${INSTANT_MS} ms, in at most ${SPACE_FRACTION * 100}% of the base's space, and an instance ran on its clone.`
    : `Not every copy-on-write method kept the claim: ${failing.map((c) => METHOD_LABELS[c.method]).join(', ')}.`;
  const lines = [head, ...results.flatMap((r) => r.lines), ...checks.map((c) => c.text)];
  return {
    id: 'C7',
    claim: CLAIM_STATEMENTS.C7,
    verdict: supported ? 'supported' : 'not supported',
    evidence: lines.join('\n'),
    chartId: PROVISIONING_TIME_ID,
  };
}
