import type { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { anthropicErrorBody } from '../anthropic/anthropic-error-body.js';
import { writeJsonResponse } from '../http/write-response.js';
import { openAIErrorBody } from '../openai/openai-error-body.js';
import type { RequestContext } from '../request-context.js';
import { retryHeaders, statusForError } from './status-for-error.js';

/** An error as the caller's own API would send it: its body shape, status and retry headers. */
export function errorResponseBody(
  ctx: RequestContext,
  error: SwitchyardError,
): { status: number; body: unknown } {
  const status = statusForError(error, ctx.api);
  const body =
    ctx.api === 'anthropic'
      ? anthropicErrorBody(error, status, ctx.requestId)
      : openAIErrorBody(error, status);
  return { status, body };
}

export function writeErrorResponse(
  ctx: RequestContext,
  error: SwitchyardError,
  extra: Record<string, string> = {},
): void {
  ctx.outcome.error = error;
  ctx.outcome.attempts ??= error.attempts;
  const { status, body } = errorResponseBody(ctx, error);
  writeJsonResponse(ctx.res, status, body, { ...ctx.responseHeaders(), ...retryHeaders(error), ...extra });
}
