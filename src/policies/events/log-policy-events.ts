import { redactSecrets } from '../../core/errors/redact.js';
import type { PolicyEventMap, PolicyEventName, PolicyEvents } from './policy-events.js';

type LogMethod = (object: Record<string, unknown>, message?: string) => void;

/** The subset of a pino logger the hook uses (pino, or anything with the same call shape). */
export interface PolicyLogger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  /** pino's level check; when present, events below the logger's level get no listener at all. */
  isLevelEnabled?(level: string): boolean;
}

const LEVELS: Record<PolicyEventName, 'debug' | 'info' | 'warn'> = {
  'attempt-start': 'debug',
  'attempt-end': 'debug',
  retry: 'info',
  fallback: 'warn',
  'breaker-state': 'warn',
  hedge: 'info',
};

/**
 * Copies only plain fields into the log line: never the error object (its `cause` may hold a
 * request), and every string through redactSecrets in case a provider echoed a key in a message.
 */
function safeFields(event: object, secrets: ReadonlyArray<string | undefined>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key === 'error') {
      const message = (value as { message?: unknown } | undefined)?.message;
      if (typeof message === 'string') fields.errorMessage = redactSecrets(message, secrets);
    } else if (typeof value === 'string') fields[key] = redactSecrets(value, secrets);
    else if (typeof value === 'number' || typeof value === 'boolean') fields[key] = value;
  }
  return fields;
}

/**
 * Logs every policy event on a pino-compatible logger: attempts at debug, retries and hedges at
 * info, fallbacks and breaker changes at warn. Returns a function that stops logging.
 * Levels the logger has off (pino's `isLevelEnabled`, read once here) are not subscribed, so the
 * executor skips building per-try events nobody will write.
 */
export function logPolicyEvents(
  events: PolicyEvents,
  logger: PolicyLogger,
  options: { secrets?: ReadonlyArray<string | undefined> } = {},
): () => void {
  const secrets = options.secrets ?? [];
  const names = (Object.keys(LEVELS) as PolicyEventName[]).filter(
    (name) => logger.isLevelEnabled?.(LEVELS[name]) ?? true,
  );
  const stops = names.map((name) =>
    events.on(name, (event: PolicyEventMap[typeof name]) => {
      logger[LEVELS[name]]({ event: name, ...safeFields(event, secrets) }, `switchyard ${name}`);
    }),
  );
  return () => {
    for (const stop of stops) stop();
  };
}
