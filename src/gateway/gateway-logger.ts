import { type DestinationStream, type Logger, pino } from 'pino';

/** Header and field paths never written to logs: keys in any of the forms clients send them. */
export const REDACTED_PATHS = [
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["api-key"]',
  'headers["x-goog-api-key"]',
  'headers["proxy-authorization"]',
  'headers.cookie',
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
