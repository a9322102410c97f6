import { z } from 'zod';
import { isPlainObject } from '../core/types/is-plain-object.js';
import {
  balancingSchema,
  circuitBreakerSchema,
  fallbackSchema,
  hedgeSchema,
  policiesSchema,
  retrySchema,
  timeoutsSchema,
} from './policies-schema.js';
import { integer, listOf, name, nonNegativeNumber, positiveNumber, section } from './schema-helpers.js';

/** One deployment in a chain step: `openai/gpt-4o`, an alias, or `{model, weight, context_window}`. */
export const chainEntrySchema = z.preprocess(
  (value) => (typeof value === 'string' ? { model: value } : value),
  section(
    { model: name, weight: positiveNumber().optional(), contextWindow: integer(1).optional() },
    'a model name (provider/model or an alias) or {model, weight, context_window}',
  ),
);

/** A step of a chain: one entry, or a group of equivalent entries the balancer chooses among. */
export const chainStepSchema = z.preprocess(
  (value) => {
    if (typeof value === 'string' || (isPlainObject(value) && 'model' in value && !('group' in value))) {
      return { group: [value] };
    }
    return Array.isArray(value) ? { group: value } : value;
  },
  section(
    { group: listOf(chainEntrySchema).min(1), balancing: balancingSchema.optional() },
    'a model name, {model, weight}, a list of equivalent models, or {group, balancing}',
  ),
);

export const CAPABILITIES = [
  'streaming',
  'tools',
  'structuredOutput',
  'jsonMode',
  'vision',
  'embeddings',
  'reasoning',
] as const;

export const requirementSchema = section({
  capabilities: listOf(z.enum(CAPABILITIES)).optional(),
  minContext: integer(1).optional(),
  maxPrice: section(
    { input: nonNegativeNumber().optional(), output: nonNegativeNumber().optional() },
    'prices in USD per million tokens: {input, output}',
  ).optional(),
  preferredProviders: listOf(name).optional(),
  limit: integer(1).optional(),
});

/**
 * A route, alias, task target or agent model: a name, a chain (list), or an object with either a
 * `chain` or a `require`ment, plus balancing and policies over the global ones.
 */
export const routeSchema = z
  .preprocess(
    (value) => (typeof value === 'string' || Array.isArray(value) ? { chain: value } : value),
    section(
      {
        chain: z
          .preprocess(
            (value) => (typeof value === 'string' ? [value] : value),
            listOf(chainStepSchema).min(1),
          )
          .optional(),
        require: requirementSchema.optional(),
        balancing: balancingSchema.optional(),
        policies: policiesSchema.optional(),
        description: z.string().optional(),
      },
      'a model name, a list (the chain), or {chain | require, balancing, policies}',
    ),
  )
  .superRefine((route, ctx) => {
    if (!isPlainObject(route)) return;
    if (route.chain && route.require) {
      ctx.addIssue({ code: 'custom', message: 'has both chain and require; expected exactly one of them' });
    } else if (!route.chain && !route.require) {
      ctx.addIssue({
        code: 'custom',
        message: 'has neither chain nor require; expected exactly one of them',
      });
    }
  });

export const providerChainSchema = section({
  primary: chainStepSchema,
  fallback: z
    .preprocess((value) => (typeof value === 'string' ? [value] : value), listOf(chainStepSchema))
    .optional(),
  circuitBreaker: circuitBreakerSchema.optional(),
  retry: retrySchema.optional(),
  timeouts: timeoutsSchema.optional(),
  hedge: hedgeSchema.optional(),
  /** `fallback` is the list of models here, so the fallback policy takes this name. */
  fallbackPolicy: fallbackSchema.optional(),
  balancing: balancingSchema.optional(),
});

export const agentSchema = section({
  models: z.record(name, routeSchema),
  default: name.optional(),
  policies: policiesSchema.optional(),
  description: z.string().optional(),
});

export type ChainEntryConfig = z.output<typeof chainEntrySchema>;
export type ChainStepConfig = z.output<typeof chainStepSchema>;
export type RequirementConfig = z.output<typeof requirementSchema>;
export type RouteConfig = z.output<typeof routeSchema>;
export type ProviderChainConfig = z.output<typeof providerChainSchema>;
export type AgentConfig = z.output<typeof agentSchema>;
