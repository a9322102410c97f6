import { z } from 'zod';
import { section } from './schema-helpers.js';

/** `gateway:`: settings of `switchyard serve` (see docs/gateway.md). */
export const gatewaySchema = section({
  /**
   * The admin key every request but `/health` needs; usually `${VAR}` so it stays out of the file.
   * SWITCHYARD_MASTER_KEY wins when both are set. Empty (an unset `${VAR:-}`) means none.
   */
  masterKey: z
    .string()
    .transform((value) => (value.trim() === '' ? undefined : value))
    .optional(),
});

export type GatewayConfig = z.output<typeof gatewaySchema>;
