import type { RawStreamMessage } from '../../core/stream/sse-reader.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import type { StreamDecoder } from '../protocol-codec.js';
import { StreamLifecycle } from '../stream-lifecycle.js';
import { convertOllamaUsage } from './convert-ollama-usage.js';
import { mapOllamaFinishReason } from './map-ollama-finish-reason.js';
import type { OllamaChatChunk } from './ollama-api.js';
import { ollamaStreamError } from './ollama-error.js';
import { convertOllamaToolCall, generateOllamaResponseId } from './ollama-tool-call.js';

type Emit = (event: StreamEvent) => void;

const notJson = () => 'stream line is not JSON';

/**
 * Decodes `/api/chat` NDJSON lines. Every line is a partial message; the line with `done: true`
 * carries the reason and counts and is the only clean end. Tool calls arrive whole in one line,
 * so each is emitted as one delta followed by the complete call.
 */
export class OllamaStreamDecoder implements StreamDecoder {
  readonly #provider: string;
  readonly #model: string;
  readonly #apiKey: string | undefined;
  readonly #lifecycle: StreamLifecycle;
  #toolCallCount = 0;

  constructor(provider: string, model: string, apiKey?: string) {
    this.#provider = provider;
    this.#model = model;
    this.#apiKey = apiKey;
    this.#lifecycle = new StreamLifecycle(provider, model);
  }

  get done(): boolean {
    return this.#lifecycle.done;
  }

  push(message: RawStreamMessage, emit: Emit): void {
    const chunk = this.#lifecycle.readJson<OllamaChatChunk>(message.data, emit, notJson);
    if (chunk === undefined) return;
    if (typeof chunk.error === 'string') {
      this.#lifecycle.error(emit, ollamaStreamError(this.#provider, this.#model, chunk.error, this.#apiKey));
      return;
    }
    // Ollama sends no response id: one is made up, once.
    if (!this.#lifecycle.started) this.#lifecycle.start(emit, generateOllamaResponseId(), chunk.model);
    const delta = chunk.message;
    if (delta?.thinking) emit({ type: 'reasoning-delta', text: delta.thinking });
    if (delta?.content) emit({ type: 'text-delta', text: delta.content });
    for (const call of delta?.tool_calls ?? []) {
      const index = this.#toolCallCount++;
      const toolCall = convertOllamaToolCall(call);
      emit({
        type: 'tool-call-delta',
        index,
        id: toolCall.id,
        name: toolCall.name,
        argumentsDelta: toolCall.arguments,
      });
      emit({ type: 'tool-call', index, toolCall });
    }
    if (chunk.done === true) {
      const raw = chunk.done_reason ?? '';
      this.#lifecycle.finish(emit, {
        finishReason: mapOllamaFinishReason(raw, this.#toolCallCount > 0),
        rawFinishReason: raw,
        usage: convertOllamaUsage(chunk),
      });
    }
  }

  end(emit: Emit): void {
    this.#lifecycle.closed(emit, 'connection closed before the final (done) line');
  }
}
