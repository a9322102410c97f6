import type { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { BreakerStatus } from '../circuit-breaker/breaker-state.js';

/** Who an event is about: the deployment and what the caller asked for. */
export interface AttemptTarget {
  /** What the caller asked for (`smart`, `openai/gpt-4o`). */
  requested: string;
  deploymentId: string;
  provider: string;
  model: string;
}

export interface AttemptStartEvent extends AttemptTarget {
  /** 0 for the first try at this deployment, 1 for the first retry, ... */
  retry: number;
  stream: boolean;
  /** Started by hedging while an earlier candidate was still running. */
  hedged: boolean;
}

export interface AttemptEndEvent extends AttemptTarget {
  retry: number;
  outcome: 'ok' | 'error';
  latencyMs: number;
  errorKind?: string;
  status?: number;
  /** The error itself, for programmatic listeners (its message and body are already redacted). */
  error?: SwitchyardError;
}

export interface RetryEvent extends AttemptTarget {
  /** The retry about to be made (1 for the first retry). */
  retry: number;
  delayMs: number;
  /** Whether the delay came from the provider's hint or from backoff. */
  reason: 'retry-after' | 'backoff';
  errorKind: string;
}

export interface FallbackEvent {
  requested: string;
  from: string;
  /** The next candidate; absent when none is left. */
  to?: string;
  /** Error kind (or `circuit_open`, `content_filter`) that made the chain move on. */
  reason: string;
}

export interface BreakerStateEvent {
  deploymentId: string;
  from: BreakerStatus;
  to: BreakerStatus;
  /** `consecutive-failures`, `failure-rate`, `retry-after`, `reset-timeout`, `probe-succeeded`, `probe-failed`. */
  reason: string;
  /** While open: when (clock ms) it will let a probe through. */
  reopenAt?: number;
}

export interface HedgeEvent {
  requested: string;
  /** `started`: a hedged attempt began; `won`: it answered first; `cancelled`: a slower one was aborted. */
  phase: 'started' | 'won' | 'cancelled';
  deploymentId: string;
  /** For `started`: how long the earlier candidates had been waiting. */
  afterMs?: number;
}

export interface PolicyEventMap {
  'attempt-start': AttemptStartEvent;
  'attempt-end': AttemptEndEvent;
  retry: RetryEvent;
  fallback: FallbackEvent;
  'breaker-state': BreakerStateEvent;
  hedge: HedgeEvent;
}

export type PolicyEventName = keyof PolicyEventMap;
export type PolicyListener<K extends PolicyEventName> = (event: PolicyEventMap[K]) => void;

/** Where the policies report what they do. */
export interface PolicyEventSink {
  emit<K extends PolicyEventName>(name: K, event: PolicyEventMap[K]): void;
  /** Whether anyone listens to `name`; when false, hot paths skip building the event. */
  listens?(name: PolicyEventName): boolean;
}

/**
 * A small typed emitter. Unlike node's EventEmitter, a throwing listener can never break a call
 * (its error goes to `onListenerError`), and there is no special `error` event.
 */
export class PolicyEvents implements PolicyEventSink {
  readonly #listeners = new Map<PolicyEventName, Set<(event: never) => void>>();
  readonly #onListenerError: (error: unknown) => void;

  constructor(options: { onListenerError?: (error: unknown) => void } = {}) {
    this.#onListenerError = options.onListenerError ?? (() => {});
  }

  on<K extends PolicyEventName>(name: K, listener: PolicyListener<K>): () => void {
    let set = this.#listeners.get(name);
    if (!set) {
      set = new Set();
      this.#listeners.set(name, set);
    }
    set.add(listener as (event: never) => void);
    return () => this.off(name, listener);
  }

  off<K extends PolicyEventName>(name: K, listener: PolicyListener<K>): void {
    this.#listeners.get(name)?.delete(listener as (event: never) => void);
  }

  listens(name: PolicyEventName): boolean {
    return (this.#listeners.get(name)?.size ?? 0) > 0;
  }

  emit<K extends PolicyEventName>(name: K, event: PolicyEventMap[K]): void {
    const set = this.#listeners.get(name);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as PolicyListener<K>)(event);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }
}

/** A sink that drops everything, for callers that do not listen. */
export const silentEvents: PolicyEventSink = { emit() {}, listens: () => false };
