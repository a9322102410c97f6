/**
 * Amounts, limits and times a store keeps must be safe integers: Redis scripts compute in doubles,
 * so a larger or fractional value could not stay exact, and every Store refuses it alike.
 */
export function checkInteger(value: number, name: string, allowNegative: boolean): void {
  if (!Number.isSafeInteger(value) || (!allowNegative && value < 0))
    throw new RangeError(
      `store: ${name} must be ${allowNegative ? 'a' : 'a non-negative'} safe integer, got ${value}`,
    );
}
