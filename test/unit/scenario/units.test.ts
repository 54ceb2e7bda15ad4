import { describe, expect, it } from 'vitest';
import { parseDurationMs, parseSizeMiB } from '../../../harness/scenario/units.js';

describe('parseSizeMiB', () => {
  it.each([
    ['128M', 128],
    ['1G', 1024],
    ['1.5G', 1536],
    ['512MiB', 512],
    ['512MB', 512],
    ['2048k', 2],
    ['256', 256],
    [' 64 M ', 64],
    ['1g', 1024],
    [300, 300],
    ['-1G', -1024],
  ])('%j is %d MiB', (text, mib) => expect(parseSizeMiB(text)).toBe(mib));

  it.each(['12Q', '', 'M', '128B', '1,5G', '1e3M', 'lots'])('%j is not a size', (text) => expect(parseSizeMiB(text)).toBeUndefined());

  it('rejects non-finite numbers', () => expect(parseSizeMiB(Number.POSITIVE_INFINITY)).toBeUndefined());
});

describe('parseDurationMs', () => {
  it.each([
    ['500ms', 500],
    ['60s', 60_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1.5s', 1500],
    ['90', 90_000],
    [90, 90_000],
    [0.5, 500],
    ['-5s', -5000],
  ])('%j is %d ms', (text, ms) => expect(parseDurationMs(text)).toBe(ms));

  it.each(['5 days', '10x', '', 's', '1m30s', 'soon'])('%j is not a duration', (text) => expect(parseDurationMs(text)).toBeUndefined());
});
