/**
 * Reading iperf3's JSON report (-J), 3.x: `end.sum_received.bits_per_second` is what arrived at
 * the receiving side (the figure iperf3's own summary line calls "receiver"), for either
 * direction (-R only swaps who sends). An `error` key means the test failed.
 */
import { jsonDocument, numberAt } from './json-output.js';

export function iperf3Gbps(text: string): number | null {
  const doc = jsonDocument(text);
  if (doc === null || typeof doc !== 'object' || 'error' in doc) return null;
  const bits = numberAt(doc, ['end', 'sum_received', 'bits_per_second']);
  return bits === null ? null : bits / 1e9;
}

/** iperf3's error message, when it printed one in its JSON. */
export function iperf3Error(text: string): string | null {
  const doc = jsonDocument(text);
  const error = doc !== null && typeof doc === 'object' ? (doc as { error?: unknown }).error : undefined;
  return typeof error === 'string' ? error : null;
}
