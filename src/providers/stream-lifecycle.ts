import { SwitchyardError } from '../core/errors/switchyard-error.js';
import type { StreamEvent } from '../core/types/stream-events.js';

type Emit = (event: StreamEvent) => void;
type FinishFields = Omit<Extract<StreamEvent, { type: 'finish' }>, 'type'>;

/**
 * The part of the `StreamDecoder` contract that is the same for every protocol: one `start` before
 * content, then exactly one `finish` or `error`, and nothing after it. A decoder keeps its own
 * mapping of the wire events and decides when its protocol's end marker was seen; this keeps the
 * order.
 */
export class StreamLifecycle {
  readonly #provider: string;
  readonly #model: string;
  #started = false;
  #done = false;

  /** `model` is the requested one: `start` falls back to it and errors name it. */
  constructor(provider: string, model: string) {
    this.#provider = provider;
    this.#model = model;
  }

  get started(): boolean {
    return this.#started;
  }

  /** True once `finish` or `error` was emitted. */
  get done(): boolean {
    return this.#done;
  }

  /** Emits `start` the first time only; `model` is the one the upstream says answered, if it says. */
  start(emit: Emit, id = '', model?: string): void {
    if (this.#started) return;
    this.#started = true;
    emit({ type: 'start', id, model: model ?? this.#model, provider: this.#provider, warnings: [] });
  }

  /**
   * The JSON of one stream message, or undefined when there is nothing to decode: the stream has
   * already ended, or the data is not JSON, which ends it with a `server_error` that `notJson`
   * describes (called only then, so it may quote the data).
   */
  readJson<T>(data: string, emit: Emit, notJson: (data: string) => string): T | undefined {
    if (this.#done) return undefined;
    try {
      return JSON.parse(data) as T;
    } catch {
      this.fail(emit, 'server_error', notJson(data));
      return undefined;
    }
  }

  /** The protocol's end marker was seen: the clean end. */
  finish(emit: Emit, fields: FinishFields): void {
    this.#done = true;
    emit({ type: 'finish', ...fields });
  }

  /** An error the upstream reported (an error event or line after the 200). */
  error(emit: Emit, error: SwitchyardError): void {
    this.#done = true;
    emit({ type: 'error', error });
  }

  /** A failure the decoder found itself; the message names the provider, as upstream errors do. */
  fail(emit: Emit, kind: 'network' | 'server_error', detail: string): void {
    this.error(
      emit,
      new SwitchyardError({
        kind,
        provider: this.#provider,
        model: this.#model,
        message: `${this.#provider}: ${detail}`,
      }),
    );
  }

  /** The connection closed: unless the stream already ended, that is a `network` error. */
  closed(emit: Emit, detail: string): void {
    if (!this.#done) this.fail(emit, 'network', detail);
  }
}
