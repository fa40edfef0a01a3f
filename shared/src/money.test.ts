import { formatFen } from './money';

describe('formatFen', () => {
  it('formats integer fen as yuan with two decimals', () => {
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(1990)).toBe('19.90');
    expect(formatFen(19800)).toBe('198.00');
    expect(formatFen(-250)).toBe('-2.50');
  });

  it('refuses fractions of a fen', () => {
    expect(() => formatFen(19.9)).toThrow(TypeError);
  });
});
