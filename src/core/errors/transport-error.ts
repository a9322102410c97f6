import { isSwitchyardError, SwitchyardError } from './switchyard-error.js';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return undefined;
}

/**
 * Classifies a thrown transport error: our own abort (caller or timer) first, then socket errors.
 * Never includes request headers, so a key cannot leak through here.
 */
export function transportError(
  error: unknown,
  context: { provider: string; model?: string; firedBy?: 'caller' | 'timeout'; timeoutMs?: number },
): SwitchyardError {
  if (isSwitchyardError(error)) return error;
  if (context.firedBy === 'timeout') {
    return new SwitchyardError({
      kind: 'timeout',
      timeout: 'attempt',
      provider: context.provider,
      model: context.model,
      message: `${context.provider}: request timed out after ${context.timeoutMs} ms`,
      cause: error,
    });
  }
  if (context.firedBy === 'caller') {
    return new SwitchyardError({
      kind: 'aborted',
      provider: context.provider,
      model: context.model,
      message: `${context.provider}: request aborted by the caller`,
    });
  }
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (code && NETWORK_CODES.has(code)) {
    return new SwitchyardError({
      kind: code === 'UND_ERR_CONNECT_TIMEOUT' ? 'timeout' : 'network',
      timeout: code === 'UND_ERR_CONNECT_TIMEOUT' ? 'attempt' : undefined,
      provider: context.provider,
      model: context.model,
      code,
      message: `${context.provider}: ${code === 'ECONNREFUSED' ? 'connection refused' : 'network error'} (${code}): ${detail}`,
      cause: error,
    });
  }
  return new SwitchyardError({
    kind: 'network',
    provider: context.provider,
    model: context.model,
    code,
    message: `${context.provider}: ${detail}`,
    cause: error,
  });
}
