import { redactSecrets } from '../../core/errors/redact.js';
import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { RawStreamMessage } from '../../core/stream/sse-reader.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import type { StreamDecoder } from '../protocol-codec.js';
import { convertGeminiUsage } from './convert-gemini-usage.js';
import type { GeminiGenerateContentResponse, GeminiUsageMetadata } from './gemini-api-types.js';
import { geminiStreamError, readGeminiError } from './gemini-error.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { readGeminiParts } from './read-gemini-parts.js';

type Emit = (event: StreamEvent) => void;

/**
 * `streamGenerateContent?alt=sse`: every event is a whole GenerateContentResponse with text
 * increments, whole function calls and running usage totals. There is no end sentinel, so the
 * stream counts as finished at connection close only if a finish reason (or a prompt block) was
 * seen; anything else is a cut-off stream and ends in an error.
 */
export class GeminiStreamDecoder implements StreamDecoder {
  readonly #provider: string;
  readonly #model: string;
  readonly #apiKey: string | undefined;
  #started = false;
  #done = false;
  #callCount = 0;
  #usage: GeminiUsageMetadata | undefined;
  #finishReason: string | undefined;
  #blockReason: string | undefined;

  constructor(options: { provider: string; model: string; apiKey?: string }) {
    this.#provider = options.provider;
    this.#model = options.model;
    this.#apiKey = options.apiKey;
  }

  get done(): boolean {
    return this.#done;
  }

  push(message: RawStreamMessage, emit: Emit): void {
    if (this.#done || message.data.trim() === '') return;
    let chunk: unknown;
    try {
      chunk = JSON.parse(message.data);
    } catch {
      this.#fail(emit, this.#malformed(message.data));
      return;
    }
    if (readGeminiError(chunk)) {
      this.#fail(emit, geminiStreamError(chunk, message.data, this.#context()));
      return;
    }
    const response = chunk as GeminiGenerateContentResponse;
    this.#start(emit, response);
    if (response.usageMetadata) this.#usage = response.usageMetadata;
    if (response.promptFeedback?.blockReason && !response.candidates?.length) {
      this.#blockReason = response.promptFeedback.blockReason;
    }
    const candidate = response.candidates?.[0];
    for (const item of readGeminiParts(candidate?.content?.parts, this.#callCount)) {
      if (item.type === 'text') emit({ type: 'text-delta', text: item.text });
      else if (item.type === 'reasoning') {
        emit(
          item.signature
            ? { type: 'reasoning-delta', text: item.text, signature: item.signature }
            : { type: 'reasoning-delta', text: item.text },
        );
      } else {
        const index = this.#callCount++;
        const { id, name, arguments: argumentsDelta } = item.toolCall;
        emit({ type: 'tool-call-delta', index, id, name, argumentsDelta });
        emit({ type: 'tool-call', index, toolCall: item.toolCall });
      }
    }
    if (candidate?.finishReason) this.#finishReason = candidate.finishReason;
  }

  end(emit: Emit): void {
    if (this.#done) return;
    const raw = this.#blockReason ?? this.#finishReason;
    if (raw === undefined) {
      this.#fail(
        emit,
        new SwitchyardError({
          kind: 'network',
          provider: this.#provider,
          model: this.#model,
          message: `${this.#provider}: stream ended before a finish reason (connection closed early)`,
        }),
      );
      return;
    }
    const usage = convertGeminiUsage(this.#usage);
    const finishReason = this.#blockReason
      ? 'content_filter'
      : mapGeminiFinishReason(raw, this.#callCount > 0);
    this.#start(emit, {});
    emit({ type: 'usage', usage });
    emit({ type: 'finish', finishReason, rawFinishReason: raw, usage });
    this.#done = true;
  }

  #start(emit: Emit, response: GeminiGenerateContentResponse): void {
    if (this.#started) return;
    this.#started = true;
    emit({
      type: 'start',
      id: response.responseId ?? '',
      model: response.modelVersion ?? this.#model,
      provider: this.#provider,
      warnings: [],
    });
  }

  #fail(emit: Emit, error: SwitchyardError): void {
    this.#done = true;
    emit({ type: 'error', error });
  }

  #context() {
    return { provider: this.#provider, model: this.#model, apiKey: this.#apiKey };
  }

  #malformed(data: string): SwitchyardError {
    const excerpt = redactSecrets(data.slice(0, 200), [this.#apiKey]);
    return new SwitchyardError({
      kind: 'server_error',
      provider: this.#provider,
      model: this.#model,
      message: `${this.#provider}: stream chunk is not JSON: ${excerpt}`,
    });
  }
}
