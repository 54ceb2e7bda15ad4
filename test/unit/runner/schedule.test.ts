import { describe, it, expect } from 'vitest';
import { schedule } from '../../../harness/runner/schedule.js';

describe('schedule', () => {
  it('interleaves round-robin, rotating the first runtime each round, warmups first', () => {
    const plan = schedule(['A', 'B', 'C'], 2, 1, 'interleaved');
    expect(plan.map((p) => `${p.runtime}${p.warmup ? 'w' : p.iteration}`)).toEqual(['Aw', 'Bw', 'Cw', 'A0', 'B0', 'C0', 'B1', 'C1', 'A1']);
  });
  it('runs one runtime after another when sequential', () => {
    const plan = schedule(['A', 'B'], 2, 1, 'sequential');
    expect(plan.map((p) => `${p.runtime}${p.warmup ? 'w' : p.iteration}`)).toEqual(['Aw', 'A0', 'A1', 'Bw', 'B0', 'B1']);
  });
  it('gives every runtime exactly iterations measured launches', () => {
    const plan = schedule(['A', 'B', 'C', 'D'], 7, 2, 'interleaved');
    for (const r of ['A', 'B', 'C', 'D']) {
      expect(plan.filter((p) => p.runtime === r && !p.warmup)).toHaveLength(7);
      expect(plan.filter((p) => p.runtime === r && p.warmup)).toHaveLength(2);
    }
  });
});
