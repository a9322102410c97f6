import { Money } from '../money.js';

/**
 * Budgets count in nano-dollars (10^-9 USD) in the store: its counters are safe integers (a Redis
 * script computes in doubles), and pico-dollars would cap a budget at $9,007. Nano-dollars reach
 * $9 million. Conversions round so a budget can never be overshot: spend and reservations round UP,
 * limits round DOWN, each by less than one nano-dollar. The ledger keeps the exact cost.
 */
const PICO_PER_NANO = 1000n;

export function spendUnits(amount: Money): number {
  if (amount.isNegative()) throw new RangeError(`a cost must not be negative, got ${amount}`);
  const units = (amount.picoUsd + PICO_PER_NANO - 1n) / PICO_PER_NANO;
  return checked(units, amount);
}

export function limitUnits(amount: Money): number {
  return checked(amount.picoUsd / PICO_PER_NANO, amount);
}

export function unitsToMoney(units: number): Money {
  return Money.fromPicoUsd(BigInt(units) * PICO_PER_NANO);
}

function checked(units: bigint, amount: Money): number {
  if (units > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`amount too large for a budget: $${amount}`);
  return Number(units);
}
