/**
 * Parses every retry hint form the providers send, in the precedence of the reference:
 * `retry-after-ms` → `retry-after` (seconds or HTTP date) → Gemini `RetryInfo.retryDelay` →
 * OpenAI-style `x-ratelimit-reset-*` durations → Anthropic `anthropic-ratelimit-*-reset` timestamps.
 * Pure: the clock is a parameter.
 */
export type HeaderLookup = (name: string) => string | undefined;

export function headerLookup(headers: Headers | Record<string, string | string[] | undefined>): HeaderLookup {
  if (typeof (headers as Headers).get === 'function') {
    const h = headers as Headers;
    return (name) => h.get(name) ?? undefined;
  }
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (v !== undefined) lower[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return (name) => lower[name];
}

/** Go-style durations as OpenAI and Groq send them: `1s`, `6m0s`, `12ms`, `1h2m3.5s`, `0.5s`. */
export function parseDurationMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const unitMs: Record<string, number> = {
    h: 3_600_000,
    m: 60_000,
    s: 1000,
    ms: 1,
    us: 0.001,
    µs: 0.001,
    ns: 1e-6,
  };
  const re = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/g;
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(re)) {
    total += Number(match[1]) * (unitMs[match[2]!] ?? 0);
    consumed += match[0].length;
  }
  return consumed === trimmed.length ? Math.round(total) : undefined;
}

function nonNegative(ms: number): number {
  return Math.max(0, Math.round(ms));
}

function fromRetryAfter(value: string, now: number): number | undefined {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return nonNegative(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : nonNegative(date - now);
}

/** Gemini: `{"error":{"details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"37s"}]}}`. */
function fromGoogleRetryInfo(body: unknown): number | undefined {
  const details = (body as { error?: { details?: unknown } } | undefined)?.error?.details;
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) {
    const d = detail as Record<string, unknown>;
    if (
      typeof d?.['@type'] === 'string' &&
      d['@type'].endsWith('RetryInfo') &&
      typeof d.retryDelay === 'string'
    ) {
      return parseDurationMs(d.retryDelay);
    }
  }
  return undefined;
}

/**
 * Among several limit families, the one that is exhausted (remaining 0) says when to come back;
 * when none says so, the longest reset is the safe wait.
 */
function fromResetFamily(
  get: HeaderLookup,
  families: string[],
  names: (family: string) => { reset: string; remaining: string },
  parse: (value: string) => number | undefined,
): number | undefined {
  let exhausted: number | undefined;
  let longest: number | undefined;
  for (const family of families) {
    const { reset, remaining } = names(family);
    const value = get(reset);
    if (value === undefined) continue;
    const ms = parse(value);
    if (ms === undefined) continue;
    longest = Math.max(longest ?? 0, ms);
    if (get(remaining)?.trim() === '0') exhausted = Math.max(exhausted ?? 0, ms);
  }
  return exhausted ?? longest;
}

export function parseRetryAfterMs(
  get: HeaderLookup,
  body?: unknown,
  now: number = Date.now(),
): number | undefined {
  const ms = get('retry-after-ms');
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return nonNegative(Number(ms));

  const retryAfter = get('retry-after');
  if (retryAfter !== undefined) {
    const parsed = fromRetryAfter(retryAfter, now);
    if (parsed !== undefined) return parsed;
  }

  const google = fromGoogleRetryInfo(body);
  if (google !== undefined) return google;

  const openai = fromResetFamily(
    get,
    ['requests', 'tokens'],
    (f) => ({ reset: `x-ratelimit-reset-${f}`, remaining: `x-ratelimit-remaining-${f}` }),
    parseDurationMs,
  );
  if (openai !== undefined) return openai;

  return fromResetFamily(
    get,
    ['requests', 'tokens', 'input-tokens', 'output-tokens'],
    (f) => ({ reset: `anthropic-ratelimit-${f}-reset`, remaining: `anthropic-ratelimit-${f}-remaining` }),
    (value) => {
      const date = Date.parse(value);
      return Number.isNaN(date) ? undefined : nonNegative(date - now);
    },
  );
}
