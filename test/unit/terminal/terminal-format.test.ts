/** The terminal's figures use the one 3-significant-digit rule (harness/format-duration.ts). */
import { describe, it, expect } from 'vitest';
import { formatFigure } from '../../../harness/terminal/format.js';
import { formatValue } from '../../../harness/compare/describe.js';

describe('terminal and compare figures', () => {
  it('round to 3 significant digits without exponent notation near 1000', () => {
    expect(formatFigure(999.7)).toBe('1000'); // toPrecision(3) gave "1.00e+3"
    expect(formatFigure(4.8712)).toBe('4.87');
    expect(formatFigure(25)).toBe('25.0');
    expect(formatFigure(4222.3)).toBe('4220');
    expect(formatFigure(Number.NaN)).toBe('—');
    expect(formatValue(999.7, 'events/s')).toBe('1000 events/s');
  });
});
