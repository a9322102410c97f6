import { z } from 'zod';
import { isPlainObject } from '../core/types/is-plain-object.js';
import { camelize } from './config-path.js';
import { kindOf } from './describe-issue.js';
import { DURATION_EXPECTED, parseDuration } from './duration.js';

/**
 * A config section: a strict object whose own keys may be written in snake_case, kebab-case or
 * camelCase and are normalized to camelCase. Map-like children (provider ids, alias names,
 * headers) are plain records and keep their keys exactly. A unit-less duration key (`reset_timeout`)
 * fills its `...Ms` field and a bare number there means seconds, as in classic provider-chain files.
 */
export function section<Shape extends z.ZodRawShape>(shape: Shape, expected = 'a mapping of options') {
  const known = new Set(Object.keys(shape));
  return z.preprocess(
    (value, ctx) => {
      if (!isPlainObject(value)) return value;
      const out: Record<string, unknown> = {};
      const from: Record<string, string> = {};
      for (const [key, item] of Object.entries(value)) {
        let target = key;
        let normalized = item;
        const camel = camelize(key);
        if (known.has(camel)) target = camel;
        else if (known.has(`${camel}Ms`)) {
          target = `${camel}Ms`;
          const bare =
            typeof item === 'number' || (typeof item === 'string' && /^\d+(\.\d+)?$/.test(item.trim()));
          if (bare) normalized = `${String(item).trim()}s`;
        }
        if (target in out) {
          ctx.addIssue({
            code: 'custom',
            path: [target],
            message: `given twice, as ${from[target]} and as ${key}; expected only one of them`,
          });
          continue;
        }
        out[target] = normalized;
        from[target] = key;
      }
      return out;
    },
    z.strictObject(shape, {
      error: (issue) => (issue.code === 'invalid_type' ? `expected ${expected}` : undefined),
    }),
  );
}

/** Milliseconds from a number or a string with a unit. */
export const duration = z.unknown().transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === undefined) {
    const message =
      value === undefined
        ? `is required; expected ${DURATION_EXPECTED}`
        : `expected ${DURATION_EXPECTED}, got ${kindOf(value)}`;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  }
  return ms;
});

/** Numbers written as strings (often the result of `${VAR}`) are read as numbers. */
function numeric(value: unknown): unknown {
  return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
}

export function integer(minimum: number) {
  return z.preprocess(numeric, z.number().int().min(minimum));
}

export function positiveNumber() {
  return z.preprocess(numeric, z.number().positive());
}

export function nonNegativeNumber() {
  return z.preprocess(numeric, z.number().min(0));
}

export const fraction = z.preprocess(numeric, z.number().min(0).max(1));

export const flag = z.preprocess(
  (value) => (value === 'true' ? true : value === 'false' ? false : value),
  z.boolean(),
);

export const name = z.string().trim().min(1);

export function listOf<T extends z.ZodType>(item: T) {
  return z.array(item);
}
