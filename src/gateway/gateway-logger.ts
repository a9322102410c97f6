import { type DestinationStream, type Logger, pino } from 'pino';
import { SECRET_HEADERS } from '../core/errors/redact.js';

/** Header and field paths never written to logs: keys in any of the forms clients send them. */
export const REDACTED_PATHS = [
  ...[...SECRET_HEADERS].map((name) => `headers[${JSON.stringify(name)}]`),
  'masterKey',
];

/** JSON lines (pino) with secrets censored at the serializer, so no call site can leak one. */
export function createGatewayLogger(destination?: DestinationStream, level = 'info'): Logger {
  const options = {
    name: 'switchyard-gateway',
    level,
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * The request headers a log line keeps: who called (agent, trace ids, Switchyard's own headers)
 * and the credential headers, which the logger then redacts, so a line shows a key was sent
 * without ever showing the key. Logging every header made pino's serializer and redaction the
 * largest part of a request line's cost, and wrote cookies and proxies' headers nobody asked for.
 */
const LOGGED_HEADERS: readonly string[] = [
  'user-agent',
  'content-type',
  'content-length',
  'x-request-id',
  'traceparent',
  'anthropic-version',
  'anthropic-beta',
  'openai-organization',
  'x-switchyard-tags',
  'x-switchyard-metadata',
  'x-switchyard-trace-id',
  'x-switchyard-cache',
  ...SECRET_HEADERS,
];

export function loggedHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const name of LOGGED_HEADERS) {
    const value = headers[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}
