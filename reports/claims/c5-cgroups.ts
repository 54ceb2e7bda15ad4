/**
 * C5: cgroups account for and limit resources (memory, CPU, disk I/O) of a group of processes.
 * Results do not contain cgroup accounting and limits yet: when the harness records it, the evaluator goes here.
 */
import { notMeasuredInThisRun } from './not-measured.js';

export const evaluateC5 = notMeasuredInThisRun('C5');
