import type { Logger } from 'pino';
import type { PriceLookup } from '../accounting/cost/price-call.js';
import type { Switchyard } from '../client/switchyard.js';
import type { HealthMonitor } from '../health/health-monitor.js';
import type { KeyRateLimits } from './keys/key-rate-limits.js';
import type { KeyStore } from './keys/key-store.js';

export interface GatewayLimits {
  /** Largest request body in bytes; larger bodies get 413. Default 32 MiB (Anthropic's own limit). */
  maxBodyBytes?: number;
  /** Largest request head (request line + headers) in bytes. Default 16 KiB. */
  maxHeaderBytes?: number;
  /** Time allowed to receive the request headers (slow-loris guard), in ms. Default 30000. */
  headersTimeoutMs?: number;
  /** Time allowed to receive the whole request, in ms. Default 120000. */
  requestTimeoutMs?: number;
  /** Streams open at once; more get 429 with retry-after. Default unlimited. */
  maxConcurrentStreams?: number;
  /** How long shutdown waits for in-flight calls and streams before cutting them, in ms. Default 30000. */
  shutdownGraceMs?: number;
}

export interface GatewayOptions {
  /** The client every request goes through (routing, policies, providers). */
  switchyard: Switchyard;
  /** Default 127.0.0.1. Any non-loopback address needs `masterKey`. */
  host?: string;
  /** Default 4000; 0 picks a free port. */
  port?: number;
  /** When set, every request except /health needs it as `Authorization: Bearer` or `x-api-key`. */
  masterKey?: string;
  /**
   * Virtual keys (`switchyard keys`, `POST /admin/keys`), accepted besides the master key, and the
   * admin API over them. Only used with `masterKey`: without one, auth and the admin API are off.
   */
  keys?: KeyStore;
  /** Counters for each virtual key's rpm, tpm and max_concurrent. Default in memory, for this process. */
  keyLimits?: KeyRateLimits;
  /**
   * Prices for virtual keys' budgets: the worst case reserved before a call and its real cost after.
   * Default: the client's own catalog (`switchyard.catalog`), so key spend matches the ledger.
   */
  catalog?: PriceLookup;
  limits?: GatewayLimits;
  /** A pino logger, or false for none. Default: JSON lines on stdout at level info. */
  logger?: Logger | false;
  /**
   * Provider health behind `GET /health/ready` (breaker states, error rates, required providers).
   * Default: a monitor over the client's providers, checked on demand.
   */
  health?: HealthMonitor;
  /** How long a `/v1/models` answer is reused, in ms. Default 60000. */
  modelsCacheMs?: number;
  /**
   * Stream the upstream's own bytes to the client when both speak the same protocol and nothing
   * needs rewriting (decoding them alongside for usage and errors). Default true; false always
   * re-encodes, as a cross-protocol stream does.
   */
  passthrough?: boolean;
}

export const DEFAULT_LIMITS: Required<GatewayLimits> = {
  maxBodyBytes: 32 * 1024 * 1024,
  maxHeaderBytes: 16 * 1024,
  headersTimeoutMs: 30_000,
  requestTimeoutMs: 120_000,
  maxConcurrentStreams: Number.POSITIVE_INFINITY,
  shutdownGraceMs: 30_000,
};
