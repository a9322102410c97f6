import { z } from 'zod';
import { catalogConfigSchema } from '../catalog/catalog-config-schema.js';
import { budgetsSchema, rateLimitsSchema } from './budgets-limits-schema.js';
import { gatewaySchema } from './gateway-schema.js';
import { cacheSchema, ledgerSchema } from './ledger-cache-schema.js';
import { policiesSchema } from './policies-schema.js';
import { providersSchema } from './providers-schema.js';
import { agentSchema, providerChainSchema, routeSchema } from './routes-schema.js';
import { duration, fraction, integer, listOf, name, section } from './schema-helpers.js';
import { storeSchema } from './store-schema.js';

export const healthSchema = section({
  /** Time between active checks. */
  intervalMs: duration.optional(),
  /** Limit for one check. */
  timeoutMs: duration.optional(),
  /** Providers whose being down makes `switchyard health` exit non-zero. */
  requiredProviders: listOf(name).optional(),
  /** Window for the recent error rate. */
  windowMs: duration.optional(),
  /** Calls in the window before the error rate counts. */
  minimumCalls: integer(1).optional(),
  degradedErrorRate: fraction.optional(),
  downErrorRate: fraction.optional(),
});

/** The whole file, in its canonical camelCase form. */
export const configSchema = section(
  {
    $schema: z.string().optional(),
    version: z.literal(1).optional(),
    /** What a call with no model uses (after SWITCHYARD_MODEL / MODEL_PROVIDER in the environment). */
    defaultModel: name.optional(),
    providers: providersSchema.optional(),
    providerChain: providerChainSchema.optional(),
    aliases: z.record(name, routeSchema).optional(),
    routes: z.record(name, routeSchema).optional(),
    tasks: z.record(name, routeSchema).optional(),
    agents: z.record(name, agentSchema).optional(),
    policies: policiesSchema.optional(),
    health: healthSchema.optional(),
    budgets: budgetsSchema.optional(),
    rateLimits: rateLimitsSchema.optional(),
    ledger: ledgerSchema.optional(),
    cache: cacheSchema.optional(),
    store: storeSchema.optional(),
    catalog: catalogConfigSchema.optional(),
    gateway: gatewaySchema.optional(),
  },
  'a mapping with providers, aliases, routes, tasks, agents, policies and health',
);

export type ConfigData = z.output<typeof configSchema>;
export type HealthConfig = z.output<typeof healthSchema>;
