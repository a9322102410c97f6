import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { RawStreamMessage } from '../../core/stream/sse-reader.js';
import { ToolCallAssembler } from '../../core/stream/tool-call-assembler.js';
import { emptyUsage, type Usage, type Warning } from '../../core/types/chat-result.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import type { StreamDecoder } from '../protocol-codec.js';
import { convertOpenAIUsage, pickOpenAIUsage } from './convert-openai-usage.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { openAIStreamError } from './openai-error.js';
import type { OpenAIWireChunk } from './openai-wire-types.js';
import { plainContentOf } from './plain-content-chunk.js';
import { splitOpenAIContent } from './split-openai-content.js';

type Emit = (event: StreamEvent) => void;
type OpenAIWireDelta = NonNullable<NonNullable<OpenAIWireChunk['choices']>[number]['delta']>;

/** n > 1 is not part of the canonical API: only the first choice is followed. */
function isFirstChoice(choice: { index?: number | null }): boolean {
  return (choice.index ?? 0) === 0;
}

const NO_DELTA: OpenAIWireDelta = {};

export interface OpenAIStreamContext {
  provider: string;
  model: string;
  secrets?: ReadonlyArray<string | undefined>;
}

/**
 * Decodes a chat completions SSE stream. `start` comes with the first chunk; tool calls are
 * assembled by index and emitted when the finish reason arrives; usage may come on the finish chunk
 * (DeepSeek, Groq `x_groq`) or on a later `choices: []` chunk (OpenAI). Only `data: [DONE]` ends the
 * stream cleanly: a connection that closes before it is an error, never a finish.
 */
export class OpenAIStreamDecoder implements StreamDecoder {
  readonly #context: OpenAIStreamContext;
  readonly #tools = new ToolCallAssembler();
  readonly #warnings: Warning[] = [];
  /** How many warnings the start event carried; later ones ride on finish. */
  #warningsAtStart = 0;
  #started = false;
  #done = false;
  #rawFinish: string | undefined;
  #usage: Usage | undefined;
  #sawToolCalls = false;
  #refused = false;

  constructor(context: OpenAIStreamContext) {
    this.#context = context;
  }

  get done(): boolean {
    return this.#done;
  }

  push(message: RawStreamMessage, emit: Emit): void {
    if (this.#done) return;
    const data = message.data.trim();
    if (data === '') return;
    if (data === '[DONE]') {
      this.#finish(emit);
      return;
    }
    if (this.#started) {
      // Nearly every chunk after the first: its text is all it says (see plainContentOf).
      const text = plainContentOf(data);
      if (text !== undefined) {
        if (text) emit({ type: 'text-delta', text });
        return;
      }
    }
    let chunk: OpenAIWireChunk;
    try {
      chunk = JSON.parse(data) as OpenAIWireChunk;
    } catch {
      this.#fail(
        emit,
        new SwitchyardError({
          kind: 'server_error',
          provider: this.#context.provider,
          model: this.#context.model,
          message: `${this.#context.provider}: stream chunk is not JSON`,
        }),
      );
      return;
    }
    if (chunk.error !== undefined && chunk.error !== null) {
      this.#fail(emit, openAIStreamError(chunk, this.#context));
      return;
    }
    this.#start(chunk, emit);
    const usage = pickOpenAIUsage(chunk);
    if (usage) {
      this.#usage = convertOpenAIUsage(usage);
      emit({ type: 'usage', usage: this.#usage });
    }
    const choice = chunk.choices?.find(isFirstChoice);
    if (!choice) return;
    const delta = choice.delta ?? NO_DELTA;
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    if (reasoning) emit({ type: 'reasoning-delta', text: reasoning });
    // Plain string content (nearly every chunk) needs no split object.
    const content = delta.content;
    if (typeof content === 'string') {
      if (content) emit({ type: 'text-delta', text: content });
    } else if (content !== undefined && content !== null) {
      const split = splitOpenAIContent(content);
      if (split.reasoning) emit({ type: 'reasoning-delta', text: split.reasoning });
      if (split.text) emit({ type: 'text-delta', text: split.text });
    }
    if (delta.refusal) {
      this.#refused = true;
      emit({ type: 'text-delta', text: delta.refusal });
    }
    if (delta.tool_calls) this.#toolCallDeltas(delta.tool_calls, emit);
    if (choice.finish_reason) {
      this.#rawFinish = choice.finish_reason;
      this.#completeToolCalls(emit);
    }
  }

  #toolCallDeltas(toolCalls: NonNullable<OpenAIWireDelta['tool_calls']>, emit: Emit): void {
    for (const [position, call] of toolCalls.entries()) {
      const index = call.index ?? position;
      const fragment = {
        id: call.id || undefined,
        name: call.function?.name || undefined,
        argumentsDelta: call.function?.arguments ?? '',
      };
      this.#sawToolCalls = true;
      this.#tools.append(index, fragment);
      emit({ type: 'tool-call-delta', index, ...fragment });
    }
  }

  end(emit: Emit): void {
    if (this.#done) return;
    this.#fail(
      emit,
      new SwitchyardError({
        kind: 'network',
        provider: this.#context.provider,
        model: this.#context.model,
        message: `${this.#context.provider}: connection closed before the end of the stream ([DONE])`,
      }),
    );
  }

  #start(chunk: OpenAIWireChunk, emit: Emit): void {
    if (this.#started) return;
    this.#started = true;
    this.#warningsAtStart = this.#warnings.length;
    emit({
      type: 'start',
      id: chunk.id ?? '',
      model: chunk.model || this.#context.model,
      provider: this.#context.provider,
      warnings: [...this.#warnings],
    });
  }

  #completeToolCalls(emit: Emit): void {
    for (const { index, toolCall } of this.#tools.completeAll(this.#warnings)) {
      emit({ type: 'tool-call', index, toolCall });
    }
  }

  #finish(emit: Emit): void {
    // A [DONE] with no chunk before it is still a (empty) response.
    this.#start({}, emit);
    this.#completeToolCalls(emit);
    const raw = this.#rawFinish ?? '';
    const finishReason = this.#refused
      ? 'content_filter'
      : raw === '' && this.#sawToolCalls
        ? 'tool_calls'
        : mapOpenAIFinishReason(raw);
    this.#done = true;
    const late = this.#warnings.slice(this.#warningsAtStart);
    const usage = this.#usage ?? emptyUsage();
    emit({
      type: 'finish',
      finishReason,
      rawFinishReason: raw,
      usage,
      ...(late.length > 0 && { warnings: late }),
    });
  }

  #fail(emit: Emit, error: SwitchyardError): void {
    this.#done = true;
    emit({ type: 'error', error });
  }
}
