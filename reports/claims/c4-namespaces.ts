/**
 * C4: Six namespaces isolate what a container sees: pid, net, ipc, mnt, uts, user.
 * Results do not contain namespace isolation probes yet: when the harness records it, the evaluator goes here.
 */
import { notMeasuredInThisRun } from './not-measured.js';

export const evaluateC4 = notMeasuredInThisRun('C4');
