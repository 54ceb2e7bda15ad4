import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatFigure,
  formatMiB,
  formatWithError,
  formatMsDelta,
  formatMsInterval,
  formatPercentDelta,
  formatRatio,
  threeSignificant,
} from '../../../reports/format-numbers.js';
import { formatDurationMs } from '../../../harness/format-duration.js';

describe('number formatting', () => {
  it.each([
    [2013.4, '2010'],
    [1999.6, '2000'],
    [999.7, '1000'],
    [4.8712, '4.87'],
    [25, '25.0'],
    [0.012345, '0.0123'],
    [123456, '123000'],
    [0, '0'],
    [-4.8712, '-4.87'],
  ])('threeSignificant(%s) = %s', (value, expected) => {
    expect(threeSignificant(value)).toBe(expected);
  });

  it('formats milliseconds, ratios and intervals', () => {
    expect(formatDurationMs(2013.4)).toBe('2010 ms');
    expect(formatDurationMs(null)).toBe('—');
    expect(formatRatio(612.3)).toBe('612×');
    expect(formatRatio(80.04)).toBe('80.0×');
    expect(formatMsInterval([1990.2, 2031.9])).toBe('1990–2030 ms');
    expect(formatMsInterval(null)).toBe('—');
  });

  it('signs differences', () => {
    expect(formatMsDelta(12.34)).toBe('+12.3 ms');
    expect(formatMsDelta(-4.5)).toBe('−4.50 ms');
    expect(formatPercentDelta(0.0321)).toBe('+3.21%');
  });

  it('formats sizes and counts', () => {
    expect(formatBytes(24 * 1024 ** 3)).toBe('24.0 GiB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatCount(100000)).toBe('100\u202f000');
  });

  it('formats memory in MiB with 3 significant digits and a typographic minus', () => {
    expect(formatMiB(201061376)).toBe('192 MiB');
    expect(formatMiB(474624)).toBe('0.453 MiB');
    expect(formatMiB(-3301888)).toBe('−3.15 MiB');
    expect(formatMiB(null)).toBe('—');
  });

  it('formats a slope with its standard error, and plain figures', () => {
    expect(formatWithError(169.1, 61.44, 'MiB')).toBe('169 ± 61.4 MiB');
    expect(formatWithError(-0.0202, null, 'ms')).toBe('−0.0202 ms');
    expect(formatFigure(0.88336)).toBe('0.883');
    expect(formatFigure(4222.3)).toBe('4220');
    expect(formatFigure(null)).toBe('—');
  });
});
