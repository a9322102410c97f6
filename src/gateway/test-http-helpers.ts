/** Small helpers for the gateway's HTTP tests. */

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
