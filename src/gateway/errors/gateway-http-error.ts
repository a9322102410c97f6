import type { ErrorKind } from '../../core/errors/error-kind.js';
import { SwitchyardError } from '../../core/errors/switchyard-error.js';

/**
 * An error the gateway itself raises (bad JSON, oversized body, missing key, unknown route): it
 * carries the exact HTTP status and, for validation errors, the offending field, because the
 * kind alone cannot say 413 versus 400 or which parameter was wrong.
 */
export class GatewayHttpError extends SwitchyardError {
  readonly httpStatus: number;
  readonly param: string | null;

  constructor(options: {
    kind: ErrorKind;
    status: number;
    message: string;
    code?: string;
    param?: string;
    retryAfterMs?: number;
  }) {
    super({
      kind: options.kind,
      message: options.message,
      code: options.code,
      retryable: options.retryAfterMs !== undefined,
      retryAfterMs: options.retryAfterMs,
    });
    this.name = 'GatewayHttpError';
    this.httpStatus = options.status;
    this.param = options.param ?? null;
  }
}

export function invalidRequest(message: string, param?: string, code?: string): GatewayHttpError {
  return new GatewayHttpError({ kind: 'invalid_request', status: 400, message, param, code });
}

export function modelNotFound(model: string, detail?: string): GatewayHttpError {
  return new GatewayHttpError({
    kind: 'not_found',
    status: 404,
    code: 'model_not_found',
    param: 'model',
    message: `The model '${model}' does not exist or is not available on this gateway${detail ? `: ${detail}` : ''}`,
  });
}
