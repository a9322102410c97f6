import { z } from 'zod';
import { section } from './schema-helpers.js';

/**
 * A Redis URL; empty (an unset `${VAR:-}`) means none, so one file serves a single process and a
 * fleet. The message never repeats the value: it may hold a password.
 */
const redisUrl = z
  .string()
  .trim()
  .refine((value) => value === '' || /^rediss?:\/\/\S+$/.test(value), {
    message: 'expected a redis:// or rediss:// URL, such as redis://127.0.0.1:6379',
  })
  .transform((value) => (value === '' ? undefined : value));

/** `store.redis`: the shared store several instances count in (see docs/costs.md, Store). */
export const redisStoreSchema = section({
  /** `redis://[user:password@]host:port[/db]`, `rediss://` for TLS; usually `${VAR}`. Empty: in memory. */
  url: redisUrl,
  /** Put before every key so several deployments can share one server. Default `switchyard:`. */
  keyPrefix: z.string().optional(),
});

/** `store:`: where budgets, rate limits and the response cache keep their state. Default in memory. */
export const storeSchema = section({
  redis: redisStoreSchema.optional(),
});

export type StoreConfig = z.output<typeof storeSchema>;
export type RedisStoreConfig = z.output<typeof redisStoreSchema>;
