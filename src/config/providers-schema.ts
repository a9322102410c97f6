import { z } from 'zod';
import { isPlainObject } from '../core/types/is-plain-object.js';
import { duration, flag, integer, listOf, name, positiveNumber, section } from './schema-helpers.js';

export const PROVIDER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A model name mapped to what the provider calls it (Azure deployment names, pinned versions). */
const deploymentSchema = z.preprocess(
  (value) => (typeof value === 'string' ? { model: value } : value),
  section(
    { model: name, weight: positiveNumber().optional(), contextWindow: integer(1).optional() },
    'the provider-side model name, or {model, weight, context_window}',
  ),
);

export const providerSchema = section(
  {
    /** In the list form: the instance id (`name` is accepted too). */
    id: name.optional(),
    name: name.optional(),
    /** Built-in provider this instance is made from, when the id is a new one (`openai-eu`). */
    preset: name.optional(),
    apiKey: z.string().optional(),
    baseUrl: z.string().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    timeoutMs: duration.optional(),
    options: z.record(z.string(), z.unknown()).optional(),
    enabled: flag.optional(),
    /** Model used when a chain or task names only the provider. */
    model: name.optional(),
    deployments: z.record(name, deploymentSchema).optional(),
    weight: positiveNumber().optional(),
    contextWindow: integer(1).optional(),
    useFor: z.preprocess((value) => (typeof value === 'string' ? [value] : value), listOf(name)).optional(),
  },
  'a mapping of provider options (api_key, base_url, model, use_for, ...)',
);

/**
 * Providers as a map keyed by id, or as a list of entries each with an `id` or `name`; the list
 * keeps its order, which is the order `use_for` tasks fall back in.
 */
export const providersSchema = z.preprocess(
  (value, ctx) => {
    if (!Array.isArray(value)) return value;
    const out: Record<string, unknown> = {};
    value.forEach((entry, index) => {
      const id = isPlainObject(entry) ? (entry.id ?? entry.name) : undefined;
      if (typeof id !== 'string' || id.trim() === '') {
        ctx.addIssue({ code: 'custom', path: [index], message: 'has no id; expected an id or name field' });
        return;
      }
      if (id in out) {
        ctx.addIssue({
          code: 'custom',
          path: [index],
          message: `repeats provider id '${id}'; expected unique ids`,
        });
        return;
      }
      out[id] = entry;
    });
    return out;
  },
  z.record(
    z.string().regex(PROVIDER_ID, { error: 'expected a provider id of letters, digits, ".", "_" or "-"' }),
    providerSchema,
  ),
);

export type ProviderConfig = z.output<typeof providerSchema>;
