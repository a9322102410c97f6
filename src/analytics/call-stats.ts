import type { Percentiles } from './percentiles.js';

/** What the calls to one provider (or one provider's model) looked like. */
export interface CallStats {
  provider: string;
  /** Absent on per-provider lines. */
  model?: string;
  requests: number;
  errors: number;
  /** Failures by error kind (`rate_limited`, `timeout`, `aborted`, ...). */
  errorsByKind: Record<string, number>;
  /** Share of requests that moved past at least one candidate before settling. */
  fallbackRate: number;
  /** Share of requests answered from the response cache. */
  cacheHitRate: number;
  /** Of successful calls that reached a provider (cache hits would flatter them). */
  latencyMs?: Percentiles;
  /** Of successful streams. */
  timeToFirstTokenMs?: Percentiles;
  /** Median output tokens per second of generation (after the first token, for streams). */
  tokensPerSecond?: number;
  inputTokens: number;
  outputTokens: number;
  /** Exact decimal USD. */
  cost: string;
}
