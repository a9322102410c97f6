/** Small helpers for the gateway's HTTP tests. */
import { Money } from '../accounting/money.js';
import { createCatalog } from '../catalog/create-catalog.js';

/** The parsed body of an error response, in either API's shape. */
export async function errorJson(
  response: Response,
): Promise<{ error: Record<string, unknown>; [key: string]: unknown }> {
  return (await response.json()) as { error: Record<string, unknown> };
}

export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Waits for a condition the server reaches asynchronously (a request arriving, an abort landing). */
export async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error('condition not reached');
}

/**
 * Calls until the gateway refuses one (budgets, rate limits); returns the refusal and how many calls
 * got through. The refusal must come before any provider was called: the mock upstream saw nothing
 * of it.
 */
export async function callUntilRefused(
  upstream: { requests: unknown[] },
  call: () => Promise<unknown>,
): Promise<{ error: unknown; admitted: number }> {
  for (let made = 0; made < 30; made++) {
    const before = upstream.requests.length;
    const error = await call().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (error === undefined) continue;
    if (upstream.requests.length !== before) {
      throw new Error(
        `refused only after calling the provider: ${upstream.requests.length - before} upstream call(s)`,
      );
    }
    return { error, admitted: made };
  }
  throw new Error('never refused');
}

/** A catalog pricing `mock/echo` at $1,000 per million tokens both ways, so a budget of cents runs out in a few calls. */
export function pricedMockCatalog() {
  const mini = createCatalog().get('gpt-4o-mini', 'openai')!;
  const price = Money.parse('1000');
  const sheet = { input: price, output: price, cachedInput: price, cacheWrite: price, cacheWrite1h: price };
  return createCatalog({
    builtIn: false,
    entries: [{ ...mini, provider: 'mock', id: 'echo', aliases: [], prices: { ...sheet, tiers: [] } }],
  });
}
