/**
 * provisioning.csv: one row per instance made (record "instance": its time, sync time, bytes)
 * and one per first-write test operation (record "operation": phase read, open, first, second
 * or reread, its latency), long format so a spreadsheet can pivot on method and phase.
 */
import { stringify } from 'csv-stringify/sync';
import type { ProvisionRecord } from './format.js';

const COLUMNS = ['seq', 'scenario', 'record', 'method', 'index', 'phase', 'outcome', 'ms', 'sync_ms', 'bytes', 'tool', 'error'];

export function provisioningToCsv(records: readonly ProvisionRecord[]): string {
  const rows: unknown[][] = [];
  for (const r of records) {
    if (r.type === 'provision-sample') rows.push([r.seq, r.scenario, 'instance', r.method, r.index, 'make', r.outcome, r.ms, r.syncMs, r.bytes, '', r.error]);
    if (r.type !== 'cow-write') continue;
    if (r.notMeasured !== null) rows.push([r.seq, r.scenario, 'operation', r.target, '', '', 'not measured', '', '', '', r.tool, r.notMeasured]);
    const phases = [['read', r.readUs], ['open', r.openUs === null ? [] : [r.openUs]], ['first', r.firstUs], ['second', r.secondUs], ['reread', r.rereadUs]] as const;
    for (const [phase, list] of phases) list.forEach((us, i) => rows.push([r.seq, r.scenario, 'operation', r.target, i, phase, 'ok', us / 1000, '', '', r.tool, '']));
  }
  return stringify(rows.map((row) => row.map((v) => (v === null || v === undefined ? '' : v))), { header: true, columns: COLUMNS });
}
