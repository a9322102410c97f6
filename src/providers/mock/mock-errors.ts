import { classifyHttpError } from '../../core/errors/classify-http-error.js';
import { headerLookup } from '../../core/errors/retry-hints.js';
import type { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { MockErrorReply } from '../../testing/mock-reply.js';

/** A scripted error, classified by the same rules as a real HTTP error. */
export function mockErrorFor(provider: string, model: string, error: MockErrorReply): SwitchyardError {
  const message = error.message ?? `mock error ${error.status}`;
  const bodyText = error.body === undefined ? message : JSON.stringify(error.body);
  return classifyHttpError({
    provider,
    model,
    status: error.status,
    headers: headerLookup(error.headers ?? {}),
    bodyText,
    body: error.body,
    message,
  });
}
