import type { ServerResponse } from 'node:http';

/**
 * Writes a whole JSON reply with its length. Shared by the gateway and the test kit's mock servers,
 * which is why it lives in core: `switchyard/testing` must not pull in the gateway.
 * `headers` win over the defaults (a mock may answer JSON under another content type).
 */
export function writeJsonResponse(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
