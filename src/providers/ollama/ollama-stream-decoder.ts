import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { RawStreamMessage } from '../../core/stream/sse-reader.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import type { StreamDecoder } from '../protocol-codec.js';
import { convertOllamaUsage } from './convert-ollama-usage.js';
import { mapOllamaFinishReason } from './map-ollama-finish-reason.js';
import type { OllamaChatChunk } from './ollama-api.js';
import { ollamaStreamError } from './ollama-error.js';
import { convertOllamaToolCall, generateOllamaResponseId } from './ollama-tool-call.js';

type Emit = (event: StreamEvent) => void;

/**
 * Decodes `/api/chat` NDJSON lines. Every line is a partial message; the line with `done: true`
 * carries the reason and counts and is the only clean end. Tool calls arrive whole in one line,
 * so each is emitted as one delta followed by the complete call.
 */
export class OllamaStreamDecoder implements StreamDecoder {
  readonly #provider: string;
  readonly #model: string;
  readonly #apiKey: string | undefined;
  #started = false;
  #done = false;
  #toolCallCount = 0;

  constructor(provider: string, model: string, apiKey?: string) {
    this.#provider = provider;
    this.#model = model;
    this.#apiKey = apiKey;
  }

  get done(): boolean {
    return this.#done;
  }

  push(message: RawStreamMessage, emit: Emit): void {
    if (this.#done) return;
    let chunk: OllamaChatChunk;
    try {
      chunk = JSON.parse(message.data) as OllamaChatChunk;
    } catch {
      this.#fail(emit, 'server_error', 'stream line is not JSON');
      return;
    }
    if (typeof chunk.error === 'string') {
      this.#done = true;
      emit({
        type: 'error',
        error: ollamaStreamError(this.#provider, this.#model, chunk.error, this.#apiKey),
      });
      return;
    }
    this.#start(emit, chunk.model);
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
      this.#done = true;
      const raw = chunk.done_reason ?? '';
      emit({
        type: 'finish',
        finishReason: mapOllamaFinishReason(raw, this.#toolCallCount > 0),
        rawFinishReason: raw,
        usage: convertOllamaUsage(chunk),
      });
    }
  }

  end(emit: Emit): void {
    if (this.#done) return;
    this.#fail(emit, 'network', 'connection closed before the final (done) line');
  }

  #start(emit: Emit, model: string | undefined): void {
    if (this.#started) return;
    this.#started = true;
    emit({
      type: 'start',
      id: generateOllamaResponseId(),
      model: model ?? this.#model,
      provider: this.#provider,
      warnings: [],
    });
  }

  #fail(emit: Emit, kind: 'network' | 'server_error', detail: string): void {
    this.#done = true;
    emit({
      type: 'error',
      error: new SwitchyardError({
        kind,
        provider: this.#provider,
        model: this.#model,
        message: `${this.#provider}: ${detail}`,
      }),
    });
  }
}
