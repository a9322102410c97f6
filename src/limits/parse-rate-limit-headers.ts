import { type HeaderLookup, parseDurationMs } from '../core/errors/retry-hints.js';

/** One upstream limit as a response reported it. */
export interface UpstreamLimit {
  limit?: number;
  remaining: number;
  /** Epoch ms at which the provider refills it. */
  resetAt: number;
}

export interface UpstreamLimitReport {
  requests?: UpstreamLimit;
  tokens?: UpstreamLimit;
}

/**
 * Reads a response's rate-limit headers: OpenAI, Azure and Groq send `x-ratelimit-*` with Go-style
 * reset durations (`6m0s`); Anthropic sends `anthropic-ratelimit-*` with RFC 3339 reset times and
 * separate input/output token limits, of which the tightest counts. Pure: `now` is a parameter.
 */
export function parseRateLimitHeaders(get: HeaderLookup, now: number): UpstreamLimitReport {
  const duration = (value: string) => {
    const ms = parseDurationMs(value);
    return ms === undefined ? undefined : now + ms;
  };
  const timestamp = (value: string) => {
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : at;
  };
  const openai = (family: string) =>
    read(
      get,
      `x-ratelimit-limit-${family}`,
      `x-ratelimit-remaining-${family}`,
      `x-ratelimit-reset-${family}`,
      duration,
    );
  const anthropic = (family: string) =>
    read(
      get,
      `anthropic-ratelimit-${family}-limit`,
      `anthropic-ratelimit-${family}-remaining`,
      `anthropic-ratelimit-${family}-reset`,
      timestamp,
    );
  return {
    requests: tightest([openai('requests'), anthropic('requests')]),
    tokens: tightest([
      openai('tokens'),
      anthropic('tokens'),
      anthropic('input-tokens'),
      anthropic('output-tokens'),
    ]),
  };
}

function read(
  get: HeaderLookup,
  limitName: string,
  remainingName: string,
  resetName: string,
  parseReset: (value: string) => number | undefined,
): UpstreamLimit | undefined {
  const remaining = count(get(remainingName));
  const reset = get(resetName);
  const resetAt = reset === undefined ? undefined : parseReset(reset);
  // Some APIs send -1 or omit the reset; a limit with no known refill time cannot pace anything.
  if (remaining === undefined || resetAt === undefined) return undefined;
  return { limit: count(get(limitName)), remaining, resetAt };
}

function count(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

/** The limit with the smallest share left (the one that runs out first). */
function tightest(limits: Array<UpstreamLimit | undefined>): UpstreamLimit | undefined {
  let best: UpstreamLimit | undefined;
  for (const limit of limits) {
    if (!limit) continue;
    if (!best || share(limit) < share(best)) best = limit;
  }
  return best;
}

function share(limit: UpstreamLimit): number {
  return limit.limit ? limit.remaining / limit.limit : limit.remaining;
}
