import { describe, expect, it } from 'vitest';
import { formatPicoUsd, Money, plainDecimal, priceTokens, shiftDecimal } from './money.js';

describe('Money', () => {
  it('parses decimal strings exactly and prints them without trailing zeros', () => {
    expect(Money.parse('2.50').toString()).toBe('2.5');
    expect(Money.parse('0.0375').picoUsd).toBe(37_500_000_000n);
    expect(Money.parse('-1').toString()).toBe('-1');
    expect(Money.parse('0.000000000001').toString()).toBe('0.000000000001');
    expect(Money.parse('12').toString()).toBe('12');
  });

  it('refuses what it cannot hold exactly', () => {
    expect(() => Money.parse('0.0000000000001')).toThrow('more than 12 decimal places');
    expect(() => Money.parse('1e-7')).toThrow("not a decimal amount: '1e-7'");
    expect(() => Money.parse('')).toThrow('not a decimal amount');
  });

  it('adds without floating-point drift', () => {
    const tenth = Money.parse('0.1');
    expect(tenth.plus(Money.parse('0.2')).toString()).toBe('0.3');
    let total = Money.ZERO;
    for (let i = 0; i < 1_000_000; i++) total = total.plus(Money.parse('0.000001'));
    expect(total.toString()).toBe('1');
    expect(Money.sum([tenth, tenth, tenth]).equals(Money.parse('0.3'))).toBe(true);
  });

  it('subtracts, multiplies, compares', () => {
    const a = Money.parse('1.25');
    expect(a.minus(Money.parse('2')).toString()).toBe('-0.75');
    expect(a.times(3).toString()).toBe('3.75');
    expect(a.times(3n).toString()).toBe('3.75');
    expect(a.compare(Money.parse('1.250'))).toBe(0);
    expect(a.greaterThan(Money.ZERO)).toBe(true);
    expect(a.negate().isNegative()).toBe(true);
    expect(Money.max(a, Money.parse('2')).toString()).toBe('2');
    expect(Money.min(a, Money.parse('2')).toString()).toBe('1.25');
    expect(() => a.times(1.5)).toThrow('not a whole count');
  });

  it('formats rounded for display and as a number', () => {
    expect(Money.parse('0.00125').toFixed(4)).toBe('0.0013');
    expect(Money.parse('0.00124').toFixed(4)).toBe('0.0012');
    expect(Money.parse('-0.00125').toFixed(4)).toBe('-0.0013');
    expect(Money.parse('2').toFixed(2)).toBe('2.00');
    expect(Money.parse('9.995').toFixed(2)).toBe('10.00');
    expect(Money.parse('0.0001875').toNumber()).toBe(0.0001875);
    expect(JSON.stringify({ cost: Money.parse('1.50') })).toBe('{"cost":"1.5"}');
  });

  it('converts config numbers through their shortest decimal form', () => {
    expect(Money.fromNumber(0.1).toString()).toBe('0.1');
    expect(Money.fromNumber(1e-7).toString()).toBe('0.0000001');
    expect(Money.fromNumber(12.5).toString()).toBe('12.5');
    expect(Money.fromNumber(1.5e-12).toString()).toBe('0.000000000002');
    expect(() => Money.fromNumber(Number.NaN)).toThrow('not a finite amount');
  });
});

describe('priceTokens', () => {
  it('prices tokens at a per-million price exactly', () => {
    expect(priceTokens(1, Money.parse('0.0375')).toString()).toBe('0.0000000375');
    expect(priceTokens(1_234_567, Money.parse('2.50')).toString()).toBe('3.0864175');
    expect(priceTokens(3, Money.parse('0.000001')).picoUsd).toBe(3n);
    expect(priceTokens(0, Money.parse('15')).isZero()).toBe(true);
  });

  it('rounds a price finer than six decimals half up, to the pico-dollar', () => {
    // 1 token at 0.0000005/M = 0.5 pico-dollars -> 1; at 0.0000004/M = 0.4 -> 0.
    expect(priceTokens(1, Money.parse('0.0000005')).picoUsd).toBe(1n);
    expect(priceTokens(1, Money.parse('0.0000004')).picoUsd).toBe(0n);
  });
});

describe('decimal helpers', () => {
  it('writes numbers without exponents and shifts decimal points', () => {
    expect(plainDecimal(2.5e-6)).toBe('0.0000025');
    expect(plainDecimal(1.25e-7)).toBe('0.000000125');
    expect(plainDecimal(-3e-8)).toBe('-0.00000003');
    expect(plainDecimal(1e21)).toBe('1000000000000000000000');
    expect(plainDecimal(0.5)).toBe('0.5');
    expect(shiftDecimal('0.000000125', 6)).toBe('0.125');
    expect(shiftDecimal('0.0000025', 6)).toBe('2.5');
    expect(shiftDecimal('3', 6)).toBe('3000000');
    expect(shiftDecimal('12.5', -3)).toBe('0.0125');
  });
});

describe('formatPicoUsd', () => {
  /** The plain BigInt rendering the fast path must agree with. */
  function reference(picoUsd: bigint): string {
    const negative = picoUsd < 0n;
    const units = negative ? -picoUsd : picoUsd;
    const whole = units / 10n ** 12n;
    const fraction = (units % 10n ** 12n).toString().padStart(12, '0').replace(/0+$/, '');
    return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  }

  it('writes every amount as the BigInt rendering does, on both sides of the double-exact range', () => {
    const max = BigInt(Number.MAX_SAFE_INTEGER);
    const samples = [
      0n,
      1n,
      10n,
      999_999_999_999n,
      10n ** 12n,
      10n ** 12n + 1n,
      max - 1n,
      max,
      max + 1n,
      2n ** 63n,
    ];
    let seed = 7n;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
      samples.push(seed % (max * 4n));
      samples.push(seed % 10n ** BigInt(i % 16));
    }
    for (const value of samples) {
      expect(formatPicoUsd(value)).toBe(reference(value));
      expect(formatPicoUsd(-value)).toBe(reference(-value));
    }
  });

  it('is what Money#toString gives, kept once made', () => {
    const amount = Money.parse('0.0001875');
    expect(amount.toString()).toBe('0.0001875');
    expect(amount.toString()).toBe('0.0001875');
    expect(amount.toNumber()).toBe(0.0001875);
  });
});
