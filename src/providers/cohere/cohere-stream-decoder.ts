import type { RawStreamMessage } from '../../core/stream/sse-reader.js';
import { ToolCallAssembler } from '../../core/stream/tool-call-assembler.js';
import type { Warning } from '../../core/types/chat-result.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import type { StreamDecoder } from '../protocol-codec.js';
import { StreamLifecycle } from '../stream-lifecycle.js';
import type { CohereStreamEvent } from './cohere-api.js';
import { convertCohereUsage } from './convert-cohere-usage.js';
import { mapCohereFinishReason } from './map-cohere-finish-reason.js';

type Emit = (event: StreamEvent) => void;

const notJson = () => 'stream event is not JSON';

/**
 * Decodes `/v2/chat` SSE events by their JSON `type` (the `event:` line repeats it). `message-end`
 * is the only clean end; it carries the finish reason, usage, and on failure an `error` string.
 * Tool calls stream as start / argument fragments / end, keyed by index.
 */
export class CohereStreamDecoder implements StreamDecoder {
  readonly #lifecycle: StreamLifecycle;
  readonly #tools = new ToolCallAssembler();
  readonly #contentKinds = new Map<number, string>();
  /** Invalid-argument notes; a stream has no event to carry them after `start`. */
  readonly #warnings: Warning[] = [];

  constructor(provider: string, model: string) {
    this.#lifecycle = new StreamLifecycle(provider, model);
  }

  get done(): boolean {
    return this.#lifecycle.done;
  }

  push(message: RawStreamMessage, emit: Emit): void {
    // The SDK treats `[DONE]` as the end of data; the protocol's own end is message-end.
    if (message.data === '[DONE]') return;
    const event = this.#lifecycle.readJson<CohereStreamEvent>(message.data, emit, notJson);
    if (event === undefined) return;
    const index = event.index ?? 0;
    const delta = event.delta?.message;
    switch (event.type) {
      case 'message-start':
        this.#lifecycle.start(emit, event.id);
        break;
      case 'content-start':
        this.#lifecycle.start(emit);
        this.#contentKinds.set(index, delta?.content?.type ?? 'text');
        this.#content(emit, index, delta?.content);
        break;
      case 'content-delta':
        this.#lifecycle.start(emit);
        this.#content(emit, index, delta?.content);
        break;
      case 'tool-call-start':
      case 'tool-call-delta': {
        this.#lifecycle.start(emit);
        const call = delta?.tool_calls;
        const fragment = {
          id: call?.id,
          name: call?.function?.name,
          argumentsDelta: call?.function?.arguments ?? '',
        };
        this.#tools.append(index, fragment);
        emit({ type: 'tool-call-delta', index, ...withoutUndefined(fragment) });
        break;
      }
      case 'tool-call-end': {
        const done = this.#tools.complete(index, this.#warnings);
        if (done) emit({ type: 'tool-call', ...done });
        break;
      }
      case 'message-end':
        this.#finish(emit, event.delta);
        break;
      default:
        // content-end, tool-plan-delta, citation-start/-end, debug: nothing canonical to emit.
        break;
    }
  }

  end(emit: Emit): void {
    this.#lifecycle.closed(emit, 'connection closed before message-end');
  }

  #content(emit: Emit, index: number, content: { text?: string; thinking?: string } | undefined): void {
    if (!content) return;
    if (this.#contentKinds.get(index) === 'thinking' || content.thinking !== undefined) {
      if (content.thinking) emit({ type: 'reasoning-delta', text: content.thinking });
    } else if (content.text) {
      emit({ type: 'text-delta', text: content.text });
    }
  }

  #finish(emit: Emit, delta: CohereStreamEvent['delta']): void {
    this.#lifecycle.start(emit);
    if (delta?.error) {
      this.#lifecycle.fail(emit, 'server_error', delta.error);
      return;
    }
    for (const done of this.#tools.completeAll(this.#warnings)) emit({ type: 'tool-call', ...done });
    const raw = delta?.finish_reason ?? '';
    this.#lifecycle.finish(emit, {
      finishReason: mapCohereFinishReason(raw),
      rawFinishReason: raw,
      usage: convertCohereUsage(delta?.usage),
      // Start carried none: every warning so far was found after it.
      ...(this.#warnings.length > 0 && { warnings: [...this.#warnings] }),
    });
  }
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
