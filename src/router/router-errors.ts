import { SwitchyardError } from '../core/errors/switchyard-error.js';

/** A name the router cannot resolve: the caller's mistake, so neither retried nor fallen back from. */
export function routingError(
  message: string,
  kind: 'not_found' | 'invalid_request' = 'not_found',
): SwitchyardError {
  return new SwitchyardError({ kind, code: 'routing', message, retryable: false, fallbackable: false });
}

export function listOrNone(names: string[]): string {
  return names.length > 0 ? names.sort().join(', ') : '(none)';
}
