import { SwitchyardError } from '../errors/switchyard-error.js';
import type { CacheStatus, ChatResult, ToolCall, Warning } from '../types/chat-result.js';
import type { StreamEvent } from '../types/stream-events.js';
import type { StreamSource } from './batched-events.js';

/**
 * A chat stream: iterate it for events, or await `result` for the final text, tool calls, usage and
 * finish reason. Single-consumer. Awaiting `result` without iterating drains the stream.
 * Breaking out of the loop aborts the underlying request and releases its connection.
 */
export class ChatStream implements AsyncIterable<StreamEvent> {
  /**
   * What the response cache did, known once the stream's first event has been read (the client
   * looks the cache up before it yields anything); undefined before then and for provider streams.
   */
  cacheStatus: CacheStatus | undefined;
  readonly #source: StreamSource;
  readonly #started: number;
  #iterated = false;
  /**
   * How the stream ended, once it has. The `result` promise is made only when something asks for
   * it: a call's stream passes through three ChatStreams (provider, executor, client), and most of
   * their results are never read; a promise and its guard `catch` each were two promises per layer.
   */
  #outcome: { result: ChatResult } | { error: unknown } | undefined;
  #result: Promise<ChatResult> | undefined;
  #resolve: ((result: ChatResult) => void) | undefined;
  #reject: ((error: unknown) => void) | undefined;

  // Accumulated state.
  #id = '';
  #provider: string;
  #model: string;
  #text = '';
  #reasoning = '';
  #reasoningParts: Array<{ text: string; signature?: string; redactedData?: string }> = [];
  readonly #toolCalls: ToolCall[] = [];
  #reasoningOpen = false;
  #warnings: Warning[] = [];
  #firstTokenAt: number | undefined;
  readonly #finalize: ((result: ChatResult) => ChatResult) | undefined;

  /**
   * `finalize` lets a producer that wraps other streams (the fallback executor) complete the result
   * with what only it knows at the end: the winning provider and the attempts.
   */
  constructor(
    source: StreamSource,
    init: {
      provider: string;
      model: string;
      startedAt?: number;
      finalize?: (result: ChatResult) => ChatResult;
    },
  ) {
    this.#source = source;
    this.#finalize = init.finalize;
    this.#provider = init.provider;
    this.#model = init.model;
    this.#started = init.startedAt ?? performance.now();
  }

  get result(): Promise<ChatResult> {
    if (!this.#iterated) void this.#drain();
    if (this.#result === undefined) {
      const outcome = this.#outcome;
      this.#result =
        outcome === undefined
          ? new Promise<ChatResult>((resolve, reject) => {
              this.#resolve = resolve;
              this.#reject = reject;
            })
          : 'result' in outcome
            ? Promise.resolve(outcome.result)
            : Promise.reject(outcome.error);
      // The result may be ignored by an iterating caller; never let its rejection crash the process.
      this.#result.catch(() => {});
    }
    return this.#result;
  }

  /**
   * The result once the stream has finished (its finish event read), without a promise; undefined
   * before then and after a failure. For a reader that has just seen the finish and wants its cost
   * in the same turn.
   */
  get finishedResult(): ChatResult | undefined {
    const outcome = this.#outcome;
    return outcome !== undefined && 'result' in outcome ? outcome.result : undefined;
  }

  /** Only the text as it arrives. */
  get textStream(): AsyncIterable<string> {
    const self = this;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const event of self) {
          if (event.type === 'text-delta') yield event.text;
          else if (event.type === 'error') throw event.error;
        }
      },
    };
  }

  [Symbol.asyncIterator](): AsyncIterator<StreamEvent> {
    if (this.#iterated) throw new Error('a ChatStream can be consumed once');
    this.#iterated = true;
    return new ChatStreamIterator(this.#source, this.#provider, {
      absorb: (event) => this.#absorb(event),
      settle: (event) => this.#settle(event),
      reject: (error) => this.#fail(error),
    });
  }

  async #drain(): Promise<void> {
    for await (const _ of this) {
      // Consumed for the result only.
    }
  }

  /** Settles the result with a finish or an error event. */
  #settle(event: StreamEvent): void {
    if (event.type === 'finish') this.#fulfil(this.#buildResult(event));
    else if (event.type === 'error') this.#fail(event.error);
  }

  /** The first outcome counts, as with a promise's resolve and reject. */
  #fulfil(result: ChatResult): void {
    if (this.#outcome !== undefined) return;
    this.#outcome = { result };
    this.#resolve?.(result);
  }

  #fail(error: unknown): void {
    if (this.#outcome !== undefined) return;
    this.#outcome = { error };
    this.#reject?.(error);
  }

  #absorb(event: StreamEvent): void {
    switch (event.type) {
      case 'start':
        this.#id = event.id;
        if (event.model) this.#model = event.model;
        this.#warnings.push(...event.warnings);
        break;
      case 'text-delta':
        this.#firstTokenAt ??= performance.now();
        this.#text += event.text;
        break;
      case 'reasoning-delta':
        this.#firstTokenAt ??= performance.now();
        if (event.redactedData !== undefined) {
          // A redacted block (Anthropic) is a whole part of its own, sent back as it came.
          this.#reasoningParts.push({ text: '', redactedData: event.redactedData });
          this.#reasoningOpen = false;
          break;
        }
        this.#reasoning += event.text;
        // A signature closes the current reasoning part: it signs the text accumulated so far.
        if (!this.#reasoningOpen) {
          this.#reasoningParts.push({ text: '' });
          this.#reasoningOpen = true;
        }
        this.#reasoningParts[this.#reasoningParts.length - 1]!.text += event.text;
        if (event.signature !== undefined) {
          this.#reasoningParts[this.#reasoningParts.length - 1]!.signature = event.signature;
          this.#reasoningOpen = false;
        }
        break;
      case 'tool-call-delta':
        this.#firstTokenAt ??= performance.now();
        break;
      case 'tool-call':
        this.#firstTokenAt ??= performance.now();
        this.#toolCalls.push(event.toolCall);
        break;
      default:
        break;
    }
  }

  #buildResult(finish: Extract<StreamEvent, { type: 'finish' }>): ChatResult {
    const now = performance.now();
    const result: ChatResult = {
      id: this.#id,
      provider: this.#provider,
      model: this.#model,
      text: this.#text,
      toolCalls: this.#toolCalls,
      reasoning: this.#reasoning,
      finishReason: finish.finishReason,
      rawFinishReason: finish.rawFinishReason,
      usage: finish.usage,
      latencyMs: Math.round(now - this.#started),
      warnings: finish.warnings?.length ? [...this.#warnings, ...finish.warnings] : this.#warnings,
    };
    if (this.#reasoningParts.some((p) => p.signature || p.redactedData))
      result.reasoningParts = this.#reasoningParts;
    if (this.#firstTokenAt !== undefined)
      result.timeToFirstTokenMs = Math.round(this.#firstTokenAt - this.#started);
    return this.#finalize ? this.#finalize(result) : result;
  }
}

const DONE: IteratorResult<StreamEvent> = { done: true, value: undefined };

/** What the iterator does to its ChatStream's result. */
interface ResultHooks {
  absorb(event: StreamEvent): void;
  settle(event: StreamEvent): void;
  reject(error: unknown): void;
}

/**
 * A ChatStream's iterator, written out rather than an async generator around `for await`: each
 * event costs one `then` on the source's promise instead of a generator resumption and its extra
 * promise hops (measured: the generator was ~12 us of microtasks per 20-chunk streamed gateway
 * request, a ChatStream sitting at two levels of it). It behaves as the generator did: events pass
 * through until the one that settles the result (finish or error), after which the source is
 * closed and the iteration ends; a source that ends first yields an error; leaving early (or the
 * source throwing) rejects the result as not consumed and closes the source; calls that overlap
 * run one after the other.
 */
class ChatStreamIterator implements AsyncIterator<StreamEvent> {
  readonly #source: StreamSource;
  readonly #provider: string;
  readonly #hooks: ResultHooks;
  #started = false;
  #settled = false;
  #done = false;
  /** A `next` whose source step has not arrived yet. */
  #inflight: Promise<IteratorResult<StreamEvent>> | undefined;
  readonly #onStep = (step: IteratorResult<StreamEvent>): IteratorResult<StreamEvent> | Promise<never> => {
    this.#inflight = undefined;
    try {
      if (step.done) {
        // A source that ends without finish or error is a bug upstream of here; never a clean end.
        const error = new SwitchyardError({
          kind: 'network',
          provider: this.#provider,
          message: 'stream ended without a finish event',
        });
        this.#settled = true;
        this.#hooks.reject(error);
        return { done: false, value: { type: 'error', error } };
      }
      const event = step.value;
      this.#hooks.absorb(event);
      if (event.type === 'finish' || event.type === 'error') {
        // Settled before the result is built: a failing finalize leaves it pending, as it did.
        this.#settled = true;
        this.#hooks.settle(event);
      }
      return { done: false, value: event };
    } catch (error) {
      return this.#close().then(() => Promise.reject(error));
    }
  };
  readonly #onThrow = (error: unknown): Promise<never> => {
    this.#inflight = undefined;
    return this.#close().then(() => Promise.reject(error));
  };

  constructor(source: StreamSource, provider: string, hooks: ResultHooks) {
    this.#source = source;
    this.#provider = provider;
    this.#hooks = hooks;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<StreamEvent>> {
    if (this.#inflight) return this.#after(() => this.next());
    if (this.#done) return Promise.resolve(DONE);
    this.#started = true;
    if (this.#settled) return this.#close().then(() => DONE);
    // An event the source already holds skips its promise and the hop to our `then`.
    let buffered: StreamEvent | undefined;
    try {
      buffered = this.#source.takeBuffered?.();
    } catch (error) {
      return this.#onThrow(error);
    }
    if (buffered !== undefined) return Promise.resolve(this.#onStep({ done: false, value: buffered }));
    const step = this.#source.next().then(this.#onStep, this.#onThrow);
    this.#inflight = step;
    return step;
  }

  /**
   * The next event when the source already holds it, absorbed as `next` would; undefined when
   * `next` has to wait (or end the stream). Lets a layer above skip a promise per event.
   */
  takeBuffered(): StreamEvent | undefined {
    if (this.#inflight || this.#done || this.#settled || !this.#started) return undefined;
    const event = this.#source.takeBuffered?.();
    if (event === undefined) return undefined;
    try {
      this.#hooks.absorb(event);
      if (event.type === 'finish' || event.type === 'error') {
        this.#settled = true;
        this.#hooks.settle(event);
      }
    } catch (error) {
      // As `next` would: the iteration ends, and the error reaches the caller.
      this.#close().catch(() => {});
      throw error;
    }
    return event;
  }

  return(value?: unknown): Promise<IteratorResult<StreamEvent>> {
    if (this.#inflight) return this.#after(() => this.return(value));
    const result = { done: true, value } as IteratorResult<StreamEvent>;
    // An iteration never started ends without touching the source, as a generator's does.
    if (this.#done || !this.#started) {
      this.#done = true;
      return Promise.resolve(result);
    }
    return this.#close().then(() => result);
  }

  throw(error?: unknown): Promise<IteratorResult<StreamEvent>> {
    if (this.#inflight) return this.#after(() => this.throw(error));
    if (this.#done || !this.#started) {
      this.#done = true;
      return Promise.reject(error);
    }
    return this.#close().then(() => Promise.reject(error));
  }

  #after(call: () => Promise<IteratorResult<StreamEvent>>): Promise<IteratorResult<StreamEvent>> {
    return (this.#inflight as Promise<unknown>).then(call, call);
  }

  /**
   * Ends the iteration: the result is rejected if nothing settled it, and the source is closed.
   * Not an async function: every stream's end passes through one of these per layer, and the
   * async function's own promise and its await were two more promises each time.
   */
  #close(): Promise<unknown> {
    this.#done = true;
    if (!this.#settled) {
      this.#settled = true;
      this.#hooks.reject(
        new SwitchyardError({
          kind: 'aborted',
          provider: this.#provider,
          message: 'stream was not consumed to the end',
        }),
      );
    }
    try {
      return this.#source.return(undefined);
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
