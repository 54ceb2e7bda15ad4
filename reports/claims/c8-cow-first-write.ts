/**
 * C8: The first write to a block of a COW snapshot is slower; later writes and unchanged reads are not affected.
 * Results do not contain copy-on-write write latency yet: when the harness records it, the evaluator goes here.
 */
import { notMeasuredInThisRun } from './not-measured.js';

export const evaluateC8 = notMeasuredInThisRun('C8');
