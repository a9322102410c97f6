import { z } from 'zod';
import { ERROR_KINDS } from '../core/errors/error-kind.js';
import { duration, flag, fraction, integer, listOf, section } from './schema-helpers.js';

export const BALANCING_STRATEGIES = [
  'weighted',
  'round-robin',
  'least-busy',
  'lowest-latency',
  'lowest-cost',
] as const;

export const balancingSchema = z.enum(BALANCING_STRATEGIES);

export const retrySchema = section({
  maxRetries: integer(0).optional(),
  initialDelayMs: duration.optional(),
  maxDelayMs: duration.optional(),
  jitter: fraction.optional(),
  maxRetryAfterMs: duration.optional(),
});

export const timeoutsSchema = section({
  attemptMs: duration.optional(),
  totalMs: duration.optional(),
  firstTokenMs: duration.optional(),
  idleMs: duration.optional(),
});

export const circuitBreakerSchema = section({
  enabled: flag.optional(),
  failureThreshold: integer(1).optional(),
  failureRateThreshold: fraction.optional(),
  windowMs: duration.optional(),
  minimumCalls: integer(1).optional(),
  resetTimeoutMs: duration.optional(),
  halfOpenMaxCalls: integer(1).optional(),
});

export const hedgeSchema = section({
  delayMs: duration,
  maxParallel: integer(2).optional(),
});

export const fallbackSchema = section({
  alsoOn: listOf(z.enum(ERROR_KINDS)).optional(),
  onContentFilter: flag.optional(),
});

/** The same block is accepted globally (`policies:`) and per route, agent or chain. */
export const policiesSchema = section({
  retry: retrySchema.optional(),
  timeouts: timeoutsSchema.optional(),
  circuitBreaker: circuitBreakerSchema.optional(),
  hedge: hedgeSchema.optional(),
  fallback: fallbackSchema.optional(),
  balancing: balancingSchema.optional(),
});

export type PoliciesConfig = z.output<typeof policiesSchema>;
