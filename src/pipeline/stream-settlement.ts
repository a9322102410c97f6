import type { CallContext } from '../accounting/ledger/settled-row.js';
import { estimateUsage, type StreamedOutput } from '../accounting/tokens/estimate-usage.js';
import type { StreamSource } from '../core/stream/batched-events.js';
import type { ChatStream } from '../core/stream/chat-stream.js';
import type { ChatRequest } from '../core/types/chat-request.js';
import type { ChatResult, Usage } from '../core/types/chat-result.js';
import type { StreamEvent } from '../core/types/stream-events.js';
import { abortedError } from '../policies/timeouts/timeout-error.js';
import type { CallGuards } from './call-guards.js';
import type { Pipeline } from './pipeline.js';
import { settleFailure, settleResult } from './settle-call.js';

/** What the settlement learns from a stream as it passes. */
export interface StreamSettlement {
  /** The settled result (with `cost`) once the stream finished. */
  result?: ChatResult;
}

/** The stream to settle, once the call is admitted (cache looked up, budget and limits held). */
export interface AdmittedStream {
  inner: ChatStream;
  call: CallContext;
  guards: CallGuards;
  cacheHit?: boolean;
}

/** What opening a call gives: the stream to settle, or the event that refused it (already settled). */
export type Admission = AdmittedStream | { refused: StreamEvent };

const DONE: IteratorResult<StreamEvent> = { done: true, value: undefined };

type InnerIterator = AsyncIterator<StreamEvent> & Partial<Pick<StreamSource, 'takeBuffered'>>;

/**
 * Passes a stream's events through and settles the call when it ends: a finish settles with the
 * provider's usage (or a tokenizer estimate when it reported none) BEFORE the finish reaches the
 * caller, so `result.cost` is there to read; an error or a consumer that stops reading settles as a
 * failure with the estimated usage of what had been streamed.
 *
 * Written out rather than an async generator (`for await` over the inner stream, `yield` of each
 * event, under the run's `yield*`): that cost three to four promise hops and ~0.8 KB of garbage
 * per event, and hid the inner stream's buffered events from the layers above. Here an event the
 * inner stream already holds passes through `takeBuffered` with no promise at all; only the finish
 * and errors, which settle first, wait. The call is admitted (`admit`) at the first `next`, so a
 * stream never read holds nothing. One call at a time: the ChatStream around it never overlaps them.
 */
export class SettledEvents implements StreamSource {
  readonly #pipeline: Pipeline;
  #call!: CallContext;
  readonly #request: ChatRequest;
  readonly #state: StreamSettlement;
  readonly #admit: () => Promise<Admission>;
  #phase: 'idle' | 'open' | 'done' = 'idle';
  #inner!: ChatStream;
  #iterator!: InnerIterator;
  #guards!: CallGuards;
  #cacheHit = false;
  #started = 0;
  /** A finish or error taken by `takeBuffered`: it settles first, so `next` gives it. */
  #held: StreamEvent | undefined;
  #settled = false;
  readonly #output: StreamedOutput & { toolCalls: Array<{ name: string; arguments: string }> } = {
    text: '',
    reasoning: '',
    toolCalls: [],
  };
  #provider: string | undefined;
  #model: string | undefined;
  #reported: Usage | undefined;
  #firstTokenMs: number | undefined;
  readonly #onStep = (
    step: IteratorResult<StreamEvent>,
  ): IteratorResult<StreamEvent> | Promise<IteratorResult<StreamEvent>> => {
    if (step.done) return this.#end();
    return this.#pass(step.value);
  };
  readonly #onThrow = async (error: unknown): Promise<never> => {
    this.#phase = 'done';
    await this.#settleAbandoned();
    throw error;
  };

  constructor(
    pipeline: Pipeline,
    request: ChatRequest,
    state: StreamSettlement,
    admit: () => Promise<Admission>,
  ) {
    this.#pipeline = pipeline;
    this.#request = request;
    this.#state = state;
    this.#admit = admit;
  }

  next(): Promise<IteratorResult<StreamEvent>> {
    if (this.#phase === 'done') return Promise.resolve(DONE);
    if (this.#phase === 'idle') return this.#open();
    const held = this.#held;
    if (held !== undefined) {
      this.#held = undefined;
      return Promise.resolve(this.#pass(held));
    }
    return this.#iterator.next().then(this.#onStep, this.#onThrow);
  }

  takeBuffered(): StreamEvent | undefined {
    if (this.#phase !== 'open' || this.#held !== undefined) return undefined;
    const event = this.#iterator.takeBuffered?.();
    if (event === undefined) return undefined;
    if (event.type === 'finish' || event.type === 'error') {
      this.#held = event;
      return undefined;
    }
    this.#absorb(event);
    return event;
  }

  /**
   * Stops reading: the inner stream is closed, and a call not settled yet settles as not consumed.
   * A settled call (the common end: the reader stops after the finish) only closes the inner
   * stream, with no async function of its own around it.
   */
  return(value?: unknown): Promise<IteratorResult<StreamEvent>> {
    const open = this.#phase === 'open';
    this.#phase = 'done';
    const result = { done: true, value } as IteratorResult<StreamEvent>;
    if (!open) return Promise.resolve(result);
    if (this.#settled) {
      const closing = this.#iterator.return?.();
      return closing ? closing.then(() => result) : Promise.resolve(result);
    }
    return this.#returnUnsettled(result);
  }

  async #returnUnsettled(result: IteratorResult<StreamEvent>): Promise<IteratorResult<StreamEvent>> {
    try {
      await this.#iterator.return?.();
    } finally {
      await this.#settleAbandoned();
    }
    return result;
  }

  async #open(): Promise<IteratorResult<StreamEvent>> {
    this.#phase = 'done';
    const admission = await this.#admit();
    if ('refused' in admission) return { done: false, value: admission.refused };
    this.#inner = admission.inner;
    this.#call = admission.call;
    this.#guards = admission.guards;
    this.#cacheHit = admission.cacheHit === true;
    this.#started = performance.now();
    this.#iterator = admission.inner[Symbol.asyncIterator]() as InnerIterator;
    this.#phase = 'open';
    return this.#iterator.next().then(this.#onStep, this.#onThrow);
  }

  /** The inner stream ended: a call it did not settle settles as not consumed. */
  async #end(): Promise<IteratorResult<StreamEvent>> {
    this.#phase = 'done';
    await this.#settleAbandoned();
    return DONE;
  }

  #pass(event: StreamEvent): IteratorResult<StreamEvent> | Promise<IteratorResult<StreamEvent>> {
    if (event.type === 'finish') return this.#finish(event);
    if (event.type === 'error') return this.#fail(event.error).then(() => ({ done: false, value: event }));
    this.#absorb(event);
    return { done: false, value: event };
  }

  #absorb(event: StreamEvent): void {
    switch (event.type) {
      case 'start':
        this.#provider = event.provider;
        this.#model = event.model;
        break;
      case 'text-delta':
        this.#firstTokenMs ??= performance.now() - this.#started;
        this.#output.text += event.text;
        break;
      case 'reasoning-delta':
        this.#output.reasoning += event.text;
        break;
      case 'tool-call':
        this.#output.toolCalls.push({ name: event.toolCall.name, arguments: event.toolCall.arguments });
        break;
      case 'usage':
        this.#reported = event.usage;
        break;
    }
  }

  async #finish(event: StreamEvent): Promise<IteratorResult<StreamEvent>> {
    try {
      // The inner stream settled its result as it handed over the finish: read it in this turn.
      const result = this.#inner.finishedResult ?? (await this.#inner.result);
      if (!this.#cacheHit && result.usage.inputTokens + result.usage.outputTokens === 0) {
        result.usage = estimateUsage({
          provider: result.provider,
          model: result.model,
          request: this.#request,
          output: this.#output,
        });
      }
      this.#settled = true;
      this.#state.result = await settleResult(this.#pipeline, this.#guards, this.#call, result, {
        cacheHit: this.#cacheHit,
        requestedModel: result.attempts?.at(-1)?.model,
      });
    } catch (error) {
      // As the generator's `finally` did: whatever threw, the call is settled once, then it throws.
      this.#phase = 'done';
      await this.#settleAbandoned();
      throw error;
    }
    return { done: false, value: event };
  }

  /** A call that nothing settled yet (the reader left, the inner stream threw or ended) settles as not consumed. */
  #settleAbandoned(): Promise<void> | undefined {
    return this.#settled ? undefined : this.#fail(abortedError('stream was not consumed to the end'));
  }

  async #fail(error: unknown): Promise<void> {
    this.#settled = true;
    const output = this.#output;
    const sent =
      output.text !== '' || output.reasoning !== '' || output.toolCalls.length > 0 || this.#reported;
    const provider = this.#provider;
    const model = this.#model;
    const usage =
      sent && provider && model
        ? estimateUsage({ provider, model, request: this.#request, output, reported: this.#reported })
        : undefined;
    await settleFailure(this.#pipeline, this.#guards, this.#call, error, {
      latencyMs: performance.now() - this.#started,
      usage,
      provider,
      model,
      timeToFirstTokenMs: this.#firstTokenMs,
    }).catch(() => {});
  }
}
