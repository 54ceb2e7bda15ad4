import { describe, it, expect } from 'vitest';
import { shouldStop, reserveBytes, type StopState } from '../../../harness/density/stop-rules.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const state = (over: Partial<StopState>): StopState => ({
  running: 10,
  max: 500,
  memAvailableBytes: 20 * GiB,
  reserveBytes: 2 * GiB,
  nextCostBytes: 200 * MiB,
  lastStartupMs: 2000,
  startupLimitMs: 30_000,
  failureStreak: 0,
  maxFailureStreak: 3,
  ...over,
});

describe('density stop rules', () => {
  it('goes on while every rule is satisfied', () => {
    expect(shouldStop(state({}))).toEqual({ stop: false });
  });
  it('stops at the maximum', () => {
    expect(shouldStop(state({ running: 500 }))).toMatchObject({ stop: true, reason: 'max' });
  });
  it('stops before the next instance would cross the memory reserve', () => {
    const v = shouldStop(state({ memAvailableBytes: 2 * GiB + 150 * MiB }));
    expect(v).toMatchObject({ stop: true, reason: 'reserve' });
    if (v.stop) expect(v.detail).toContain('2048 MiB');
    expect(shouldStop(state({ memAvailableBytes: 2 * GiB + 250 * MiB }))).toEqual({ stop: false });
  });
  it('stops when a startup exceeds the limit', () => {
    expect(shouldStop(state({ lastStartupMs: 31_000 }))).toMatchObject({ stop: true, reason: 'startup-limit' });
  });
  it('stops after a streak of failures', () => {
    expect(shouldStop(state({ failureStreak: 2 }))).toEqual({ stop: false });
    expect(shouldStop(state({ failureStreak: 3 }))).toMatchObject({ stop: true, reason: 'failures' });
  });
  it('reserve: the larger of the absolute amount and the share of MemTotal', () => {
    expect(reserveBytes(24 * GiB, 2 * GiB, 10)).toBe(Math.round(2.4 * GiB));
    expect(reserveBytes(8 * GiB, 2 * GiB, 10)).toBe(2 * GiB);
  });
});
