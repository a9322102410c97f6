import { describe, expect, it } from 'vitest';
import { Money, plainDecimal, priceTokens, shiftDecimal } from './money.js';

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
