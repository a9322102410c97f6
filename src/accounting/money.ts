/**
 * Exact US-dollar amounts. Floating point drifts (0.1 + 0.2), and a ledger that sums millions of
 * tiny per-call costs must not, so an amount is a whole number of pico-dollars (10^-12 USD) held
 * in a BigInt. Pico is fine enough that a token priced at any per-million price with up to six
 * decimals costs an exact whole number of units; a signed 64-bit column still holds $9.2 million.
 */

/** Decimal places of one unit: 1 unit = 10^-12 USD. */
export const MONEY_DECIMALS = 12;
const UNITS_PER_USD = 10n ** BigInt(MONEY_DECIMALS);
const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$/;

export class Money {
  static readonly ZERO = new Money(0n);

  /** The amount in pico-dollars. */
  readonly picoUsd: bigint;
  #text: string | undefined;

  private constructor(picoUsd: bigint) {
    this.picoUsd = picoUsd;
  }

  static fromPicoUsd(picoUsd: bigint): Money {
    return picoUsd === 0n ? Money.ZERO : new Money(picoUsd);
  }

  /**
   * Parses a decimal string (`"2.50"`, `"0.0375"`, `"-1"`). More than 12 decimal places would
   * lose precision silently, so it throws instead; so does anything that is not a plain decimal.
   */
  static parse(text: string): Money {
    const known = RECENT_TEXTS.get(text);
    if (known !== undefined) return known;
    const match = DECIMAL.exec(text.trim());
    if (!match) throw new RangeError(`not a decimal amount: '${text}'`);
    const [, sign, whole = '0', fraction = ''] = match;
    if (fraction.length > MONEY_DECIMALS) {
      throw new RangeError(`'${text}' has more than ${MONEY_DECIMALS} decimal places`);
    }
    const units = BigInt(whole) * UNITS_PER_USD + BigInt(fraction.padEnd(MONEY_DECIMALS, '0') || '0');
    return Money.fromPicoUsd(sign === '-' ? -units : units);
  }

  /**
   * Converts a number written in config (`limit: 12.5`) through its shortest decimal form, so
   * 0.1 becomes exactly 0.1, rounded half away from zero to the pico-dollar.
   */
  static fromNumber(value: number): Money {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
    return Money.parse(roundDecimal(plainDecimal(value), MONEY_DECIMALS));
  }

  plus(other: Money): Money {
    return Money.fromPicoUsd(this.picoUsd + other.picoUsd);
  }

  minus(other: Money): Money {
    return Money.fromPicoUsd(this.picoUsd - other.picoUsd);
  }

  /** Multiplies by a whole count (tokens, requests). */
  times(count: number | bigint): Money {
    return Money.fromPicoUsd(this.picoUsd * toWhole(count));
  }

  negate(): Money {
    return Money.fromPicoUsd(-this.picoUsd);
  }

  compare(other: Money): -1 | 0 | 1 {
    return this.picoUsd < other.picoUsd ? -1 : this.picoUsd > other.picoUsd ? 1 : 0;
  }

  equals(other: Money): boolean {
    return this.picoUsd === other.picoUsd;
  }

  greaterThan(other: Money): boolean {
    return this.picoUsd > other.picoUsd;
  }

  lessThan(other: Money): boolean {
    return this.picoUsd < other.picoUsd;
  }

  isZero(): boolean {
    return this.picoUsd === 0n;
  }

  isNegative(): boolean {
    return this.picoUsd < 0n;
  }

  /** The exact amount as a decimal string with no trailing zeros: `"0.0001875"`, `"3"`, `"-0.5"`. */
  toString(): string {
    // Every call's cost is written as strings (five parts, and again as numbers), so the text is
    // kept once made, and amounts that fit a double exactly (under $9,007) skip BigInt division.
    if (this.#text === undefined) {
      this.#text = formatPicoUsd(this.picoUsd);
      rememberText(this.#text, this);
    }
    return this.#text;
  }

  /** Rounded (half away from zero) to `decimals` places, zero-padded, for display: `"0.0012"`. */
  toFixed(decimals: number): string {
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > MONEY_DECIMALS) {
      throw new RangeError(`decimals must be a whole number from 0 to ${MONEY_DECIMALS}`);
    }
    const rounded = roundDecimal(this.toString(), decimals);
    const [whole, fraction = ''] = rounded.split('.');
    return decimals === 0 ? (whole ?? '0') : `${whole}.${fraction.padEnd(decimals, '0')}`;
  }

  /** The nearest number, for convenience (sums must use Money, not this). */
  toNumber(): number {
    return Number(this.toString());
  }

  toJSON(): string {
    return this.toString();
  }

  static sum(amounts: Iterable<Money>): Money {
    let total = 0n;
    for (const amount of amounts) total += amount.picoUsd;
    return Money.fromPicoUsd(total);
  }

  static max(a: Money, b: Money): Money {
    return a.picoUsd >= b.picoUsd ? a : b;
  }

  static min(a: Money, b: Money): Money {
    return a.picoUsd <= b.picoUsd ? a : b;
  }
}

/**
 * Amounts recently written as text, by their text: a call's cost is written once (`result.cost`)
 * and read back by the budget settlement and the ledger row, and parsing it (a regex and two
 * BigInt conversions) twice per call was a measurable share of the pipeline. Only canonical texts
 * (what `toString` wrote) are kept, and a Money never changes, so a hit is the same amount.
 */
const RECENT_TEXTS = new Map<string, Money>();
const RECENT_TEXTS_MAX = 1024;

function rememberText(text: string, money: Money): void {
  if (RECENT_TEXTS.size >= RECENT_TEXTS_MAX) RECENT_TEXTS.clear();
  RECENT_TEXTS.set(text, money);
}

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** Pico-dollars as a plain decimal string in dollars, without trailing zeros. */
export function formatPicoUsd(picoUsd: bigint): string {
  const negative = picoUsd < 0n;
  const units = negative ? -picoUsd : picoUsd;
  let whole: string;
  let fraction: string;
  if (units <= MAX_EXACT) {
    const n = Number(units);
    const rest = n % 1e12;
    whole = String((n - rest) / 1e12);
    fraction = rest === 0 ? '' : String(rest).padStart(MONEY_DECIMALS, '0');
  } else {
    whole = String(units / UNITS_PER_USD);
    const rest = units % UNITS_PER_USD;
    fraction = rest === 0n ? '' : rest.toString().padStart(MONEY_DECIMALS, '0');
  }
  let end = fraction.length;
  while (end > 0 && fraction.charCodeAt(end - 1) === 48) end--;
  fraction = fraction.slice(0, end);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/**
 * What `tokens` cost at a price per million tokens. Exact for prices with up to six decimals (all
 * published prices); a finer price is rounded half up to the pico-dollar, once per call and kind.
 */
export function priceTokens(tokens: number | bigint, pricePerMillion: Money): Money {
  const product = pricePerMillion.picoUsd * toWhole(tokens);
  const quotient = product / 1_000_000n;
  const remainder = product % 1_000_000n;
  const absRemainder = remainder < 0n ? -remainder : remainder;
  const roundAway = absRemainder * 2n >= 1_000_000n;
  return Money.fromPicoUsd(roundAway ? quotient + (product < 0n ? -1n : 1n) : quotient);
}

function toWhole(count: number | bigint): bigint {
  if (typeof count === 'bigint') return count;
  if (!Number.isSafeInteger(count)) throw new RangeError(`not a whole count: ${count}`);
  return BigInt(count);
}

/** A number's shortest decimal form without exponent: 1e-7 -> "0.0000001". */
export function plainDecimal(value: number): string {
  const text = String(value);
  const match = /^(-)?(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  return (sign ?? '') + shiftDecimal(`${whole}.${fraction}`, Number(exponentText));
}

/** Moves the decimal point of an unsigned decimal string `places` to the right (left if negative). */
export function shiftDecimal(decimal: string, places: number): string {
  const [whole = '0', fraction = ''] = decimal.split('.');
  let digits = whole + fraction;
  let point = whole.length + places;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits.padEnd(point, '0');
  const intPart = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const fracPart = digits.slice(point).replace(/0+$/, '');
  return fracPart ? `${intPart}.${fracPart}` : intPart;
}

/** Rounds a plain decimal string to `decimals` places, half away from zero. */
export function roundDecimal(decimal: string, decimals: number): string {
  const negative = decimal.startsWith('-');
  const unsigned = negative ? decimal.slice(1) : decimal;
  const [whole = '0', fraction = ''] = unsigned.split('.');
  if (fraction.length <= decimals) return decimal;
  const kept = BigInt(whole + fraction.slice(0, decimals)) + (Number(fraction[decimals]) >= 5 ? 1n : 0n);
  const text = kept.toString().padStart(decimals + 1, '0');
  const result = decimals === 0 ? text : `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
  return negative && kept !== 0n ? `-${result}` : result;
}
