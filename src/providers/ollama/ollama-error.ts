import { looksLikeContextLength } from '../../core/errors/classify-http-error.js';
import type { ErrorKind } from '../../core/errors/error-kind.js';
import { redactSecrets } from '../../core/errors/redact.js';
import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { classifyErrorResponse } from '../classify-error-response.js';
import type { ErrorResponse } from '../protocol-codec.js';

/** Ollama error bodies are `{"error": "<message>"}`, the message a plain string. */
export function ollamaErrorMessage(body: unknown): string | undefined {
  const error = (body as { error?: unknown } | undefined)?.error;
  return typeof error === 'string' ? error : undefined;
}

/**
 * Markers in the message win over the status: Ollama reports an over-long input (with
 * `truncate: false`) as 400 or 500 depending on the path, and "not found" also comes from the
 * scheduler with other wording.
 */
function kindFromMessage(message: string | undefined): ErrorKind | undefined {
  if (looksLikeContextLength(message)) return 'context_length_exceeded';
  if (message && /\bnot found\b/i.test(message) && /\bmodel\b/i.test(message)) return 'not_found';
  return undefined;
}

export function ollamaError(provider: string, response: ErrorResponse, apiKey?: string): SwitchyardError {
  const message = ollamaErrorMessage(response.body);
  const kind = kindFromMessage(message);
  return classifyErrorResponse(provider, response, { message, kind, secrets: [apiKey] });
}

/** A `{"error": ...}` line after the 200 status: the model failed mid-generation. */
export function ollamaStreamError(provider: string, model: string, message: string, apiKey?: string) {
  return new SwitchyardError({
    kind: kindFromMessage(message) ?? 'server_error',
    provider,
    model,
    message: `${provider}: ${redactSecrets(message, [apiKey])}`,
  });
}
