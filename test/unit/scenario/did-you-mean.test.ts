import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, suggestion } from '../../../harness/scenario/did-you-mean.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['iteration', 'iterations', 1],
    ['q53', 'q35', 1],
    ['qmeu', 'qemu', 1],
    ['kitten', 'sitting', 3],
  ])('%j to %j is %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('didYouMean', () => {
  const keys = ['name', 'description', 'workload', 'iterations', 'warmup'];

  it('suggests within two edits, ignoring case', () => {
    expect(didYouMean('iteration', keys)).toBe('iterations');
    expect(didYouMean('Workload', keys)).toBe('workload');
    expect(didYouMean('warmpu', keys)).toBe('warmup');
  });

  it('suggests on a prefix match', () => {
    expect(didYouMean('desc', keys)).toBe('description');
    expect(didYouMean('qemu', ['qemu-q35', 'qemu-microvm'])).toBe('qemu-q35');
  });

  it('prefers the closest candidate', () => {
    expect(didYouMean('kvn', ['auto', 'kvm', 'tcg'])).toBe('kvm');
  });

  it('suggests nothing when nothing is close', () => {
    expect(didYouMean('colour', keys)).toBeUndefined();
    expect(didYouMean('docker', ['qemu', 'namespaces', 'runc', 'crun'])).toBeUndefined();
  });

  it('formats the hint', () => {
    expect(suggestion('iteration', keys)).toBe(' (did you mean "iterations"?)');
    expect(suggestion('colour', keys)).toBe('');
  });
});
