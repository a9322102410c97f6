import { InvalidArgumentError } from 'commander';

/** Commander parser for a finite number (`--temperature 0.2`). */
export function parseFiniteNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) throw new InvalidArgumentError('expected a number');
  return number;
}

/** Commander parser for a whole number above zero (`--max-tokens 256`). */
export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new InvalidArgumentError('expected a whole number above 0');
  return number;
}
