import { z } from 'zod';
import { duration, flag, integer, name, section } from './schema-helpers.js';

/** `ledger:`: where settled calls are recorded (see docs/costs.md, Ledger). */
export const ledgerSchema = section({
  /** Record calls at all. Default true. */
  enabled: flag.optional(),
  /** SQLite file, relative to the working directory; `:memory:` keeps rows in the process only. */
  path: name.optional(),
  /** `process` survives the process being killed; `power-loss` fsyncs every row. */
  durability: z.enum(['process', 'power-loss']).optional(),
  /** Group commit: rows settled within this window share one transaction. Default 5ms; 0 commits each row before its call returns. */
  commitDelayMs: duration.optional(),
});

/** `cache:`: the response cache (see docs/costs.md, Response cache). */
export const cacheSchema = section({
  /** Default true once the section is present; without a `cache:` section nothing is cached. */
  enabled: flag.optional(),
  ttlMs: duration.optional(),
  /** Bound of the in-process cache in bytes. */
  maxBytes: integer(1).optional(),
  /** Cache requests that sample (temperature > 0 or unset). */
  cacheNonDeterministic: flag.optional(),
});

export type LedgerConfig = z.output<typeof ledgerSchema>;
export type CacheConfig = z.output<typeof cacheSchema>;
