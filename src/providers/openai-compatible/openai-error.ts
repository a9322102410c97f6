import { classifyHttpError } from '../../core/errors/classify-http-error.js';
import type { ErrorKind } from '../../core/errors/error-kind.js';
import { headerLookup } from '../../core/errors/retry-hints.js';
import type { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { ErrorResponse } from '../protocol-codec.js';

/** What the error bodies of OpenAI and the compatibles say, in one shape. */
export interface OpenAIErrorFacts {
  message?: string;
  type?: string;
  /** String code (`context_length_exceeded`), or OpenRouter's numeric HTTP status as text. */
  code?: string;
  /** OpenRouter moderation: `metadata.reasons` / `flagged_input`. */
  moderated?: boolean;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return undefined;
}

/**
 * Reads every error body shape seen on OpenAI-compatible servers: OpenAI
 * `{error:{message,type,param,code}}`, OpenRouter `{error:{code:<int>,message,metadata}}`, Azure
 * `{error:{code:"DeploymentNotFound",message}}`, vLLM/Mistral `{object:"error",message,type,code}`,
 * llama.cpp/Ollama `{error:"text"}`, FastAPI `{detail:...}`.
 */
export function readOpenAIErrorBody(body: unknown): OpenAIErrorFacts {
  if (body === null || typeof body !== 'object') return {};
  const record = body as Record<string, unknown>;
  const inner = record.error;
  if (typeof inner === 'string') return { message: inner };
  const source = (inner !== null && typeof inner === 'object' ? inner : record) as Record<string, unknown>;
  const metadata = source.metadata as Record<string, unknown> | undefined;
  return {
    message: text(source.message) ?? text(record.detail),
    type: text(source.type),
    code: text(source.code) ?? text((source.innererror as Record<string, unknown> | undefined)?.code),
    moderated: metadata !== undefined && ('flagged_input' in metadata || 'reasons' in metadata),
  };
}

/** Body markers that are more specific than the status (reference §4, classification step 2). */
export function kindFromOpenAIMarkers(facts: OpenAIErrorFacts, status: number): ErrorKind | undefined {
  const markers = [facts.code, facts.type].filter((m): m is string => m !== undefined);
  const has = (...names: string[]) => markers.some((m) => names.includes(m));
  if (has('context_length_exceeded', 'exceed_context_size_error', 'string_above_max_length')) {
    return 'context_length_exceeded';
  }
  if (has('insufficient_quota', 'billing_hard_limit_reached', 'insufficient_balance')) return 'billing';
  if (has('invalid_api_key', 'invalid_authentication', 'authentication_error')) return 'authentication';
  if (has('content_filter', 'ResponsibleAIPolicyViolation', 'content_policy_violation'))
    return 'content_filter';
  if (has('model_not_found', 'DeploymentNotFound')) return 'not_found';
  if (status === 403 && facts.moderated) return 'content_filter';
  return undefined;
}

/** An HTTP error response -> the unified error, with the API key scrubbed from everything kept. */
export function openAIHttpError(
  response: ErrorResponse,
  context: { provider: string; secrets?: ReadonlyArray<string | undefined> },
): SwitchyardError {
  const facts = readOpenAIErrorBody(response.body);
  return classifyHttpError({
    provider: context.provider,
    model: response.model,
    status: response.status,
    headers: response.headers,
    bodyText: response.bodyText,
    body: response.body,
    message: facts.message,
    code: facts.code ?? facts.type,
    kind: kindFromOpenAIMarkers(facts, response.status),
    secrets: context.secrets,
  });
}

/** The HTTP status an in-stream error stands for, when the body does not carry one. */
function statusOfStreamError(facts: OpenAIErrorFacts): number {
  const numeric = Number(facts.code);
  if (Number.isInteger(numeric) && numeric >= 400 && numeric < 600) return numeric;
  const marker = `${facts.type ?? ''} ${facts.code ?? ''}`;
  if (/rate_limit|tokens|requests|slow_down/.test(marker)) return 429;
  if (/overloaded|unavailable/.test(marker)) return 503;
  if (/invalid_request|context_length/.test(marker)) return 400;
  if (/auth|api_key/.test(marker)) return 401;
  return 500;
}

/** `data: {"error":{...}}` after a 200: classified like the HTTP error it stands for. */
export function openAIStreamError(
  payload: unknown,
  context: { provider: string; model?: string; secrets?: ReadonlyArray<string | undefined> },
): SwitchyardError {
  const facts = readOpenAIErrorBody(payload);
  const status = statusOfStreamError(facts);
  const bodyText = JSON.stringify(payload);
  return classifyHttpError({
    provider: context.provider,
    model: context.model,
    status,
    headers: headerLookup({}),
    bodyText,
    body: payload,
    message: facts.message ?? 'error in stream',
    code: facts.code ?? facts.type,
    kind: kindFromOpenAIMarkers(facts, status),
    secrets: context.secrets,
  });
}
