/**
 * C7: Copy-on-write snapshots are created almost instantly and take little space.
 * Results do not contain copy-on-write provisioning yet: when the harness records it, the evaluator goes here.
 */
import { notMeasuredInThisRun } from './not-measured.js';

export const evaluateC7 = notMeasuredInThisRun('C7');
