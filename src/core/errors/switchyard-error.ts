import type { Attempt } from '../types/chat-result.js';
import { type ErrorKind, isFallbackableKind, isRetryableKind } from './error-kind.js';

/** Marks Switchyard errors so checks work across duplicate copies of the package. */
const MARKER = Symbol.for('switchyard.error');

export interface SwitchyardErrorOptions {
  kind: ErrorKind;
  message: string;
  provider?: string;
  model?: string;
  status?: number;
  /** Provider error code or type (`rate_limit_exceeded`, `overloaded_error`, `RESOURCE_EXHAUSTED`). */
  code?: string;
  retryable?: boolean;
  fallbackable?: boolean;
  retryAfterMs?: number;
  requestId?: string;
  /** For `timeout`: which timer fired. */
  timeout?: 'attempt' | 'total' | 'first-token' | 'idle';
  /** For `unsupported`: the feature named. */
  feature?: string;
  /** The redacted provider body (never contains the API key). */
  body?: string;
  /** What the executor tried before failing (set on errors thrown through a fallback chain). */
  attempts?: Attempt[];
  cause?: unknown;
}

export class SwitchyardError extends Error {
  readonly [MARKER] = true;
  readonly kind: ErrorKind;
  readonly provider?: string;
  readonly model?: string;
  readonly status?: number;
  readonly code?: string;
  readonly retryable: boolean;
  readonly fallbackable: boolean;
  readonly retryAfterMs?: number;
  readonly requestId?: string;
  readonly timeout?: SwitchyardErrorOptions['timeout'];
  readonly feature?: string;
  readonly body?: string;
  /** Set by the executor when the error ends a call: every candidate it tried, in order. */
  attempts?: Attempt[];

  constructor(options: SwitchyardErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SwitchyardError';
    this.kind = options.kind;
    this.provider = options.provider;
    this.model = options.model;
    this.status = options.status;
    this.code = options.code;
    this.retryable = options.retryable ?? isRetryableKind(options.kind);
    this.fallbackable = options.fallbackable ?? isFallbackableKind(options.kind);
    this.retryAfterMs = options.retryAfterMs;
    this.requestId = options.requestId;
    this.timeout = options.timeout;
    this.feature = options.feature;
    this.body = options.body;
    this.attempts = options.attempts;
  }

  /** A plain object for logs and `--json` output. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      provider: this.provider,
      model: this.model,
      status: this.status,
      code: this.code,
      retryable: this.retryable,
      fallbackable: this.fallbackable,
      retryAfterMs: this.retryAfterMs,
      requestId: this.requestId,
      timeout: this.timeout,
      feature: this.feature,
      attempts: this.attempts,
    };
  }
}

export function isSwitchyardError(value: unknown): value is SwitchyardError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
}

/** The error for a request feature a provider cannot honour. */
export function unsupportedFeature(provider: string, feature: string, detail?: string): SwitchyardError {
  return new SwitchyardError({
    kind: 'unsupported',
    provider,
    feature,
    message: `${provider} does not support ${feature}${detail ? `: ${detail}` : ''}`,
  });
}
