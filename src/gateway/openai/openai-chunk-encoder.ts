import type { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import { openAIId } from './convert-to-openai-chat-response.js';
import { convertToOpenAIUsage } from './convert-to-openai-usage.js';
import { mapFinishReasonToOpenAI } from './map-finish-reason-to-openai.js';
import { openAIErrorBody } from './openai-error-body.js';

interface ToolCallState {
  /** Position among this response's tool calls: OpenAI indexes are 0, 1, ... whatever the upstream used. */
  ordinal: number;
  started: boolean;
  id?: string;
  name?: string;
  /** Arguments sent (started) or held back until the id and name are known (not started). */
  arguments: string;
}

/**
 * Canonical stream events -> OpenAI `chat.completion.chunk` SSE frames, exactly as OpenAI sends
 * them: a role chunk, content deltas, tool-call fragments (the first with id, type and name and
 * empty arguments), a finish chunk with an empty delta, the usage chunk with `choices: []` when
 * asked, then `[DONE]`. Pure: returns the frames to write.
 */
export class OpenAIChunkEncoder {
  readonly #model: string;
  readonly #created: number;
  readonly #includeUsage: boolean;
  /** Made on first use: a stream passed through byte for byte never asks for it. */
  #id: string | undefined;
  readonly #tools = new Map<number, ToolCallState>();

  constructor(options: { model: string; created: number; includeUsage: boolean; id?: string }) {
    this.#model = options.model;
    this.#created = options.created;
    this.#includeUsage = options.includeUsage;
    this.#id = options.id;
  }

  encode(event: StreamEvent): string[] {
    switch (event.type) {
      case 'start':
        if (event.id) this.#id = openAIId(event.id);
        return [this.#chunk({ role: 'assistant', content: '', refusal: null })];
      case 'text-delta':
        return event.text ? [this.#chunk({ content: event.text })] : [];
      case 'reasoning-delta':
        return event.text ? [this.#chunk({ reasoning_content: event.text })] : [];
      case 'tool-call-delta':
        return this.#toolDelta(event.index, event);
      case 'tool-call':
        return this.#toolDone(event.index, event.toolCall);
      case 'usage':
        return [];
      case 'finish': {
        const frames = [this.#chunk({}, mapFinishReasonToOpenAI(event.finishReason))];
        if (this.#includeUsage) {
          frames.push(
            this.#frame({ ...this.#envelope(), choices: [], usage: convertToOpenAIUsage(event.usage) }),
          );
        }
        frames.push('data: [DONE]\n\n');
        return frames;
      }
      case 'error':
        return this.error(event.error);
    }
  }

  /** OpenAI's in-stream error: a data frame with a top-level `error`, and no `[DONE]` after it. */
  error(error: SwitchyardError, status = 500): string[] {
    return [this.#frame(openAIErrorBody(error, status))];
  }

  #state(index: number): ToolCallState {
    let state = this.#tools.get(index);
    if (!state) {
      state = { ordinal: this.#tools.size, started: false, arguments: '' };
      this.#tools.set(index, state);
    }
    return state;
  }

  #toolDelta(index: number, delta: { id?: string; name?: string; argumentsDelta: string }): string[] {
    const state = this.#state(index);
    state.id ??= delta.id;
    state.name ??= delta.name;
    if (state.started) {
      state.arguments += delta.argumentsDelta;
      return delta.argumentsDelta
        ? [this.#toolChunk(state.ordinal, { arguments: delta.argumentsDelta })]
        : [];
    }
    state.arguments += delta.argumentsDelta;
    if (state.id === undefined || state.name === undefined) return [];
    return this.#startTool(state);
  }

  #startTool(state: ToolCallState): string[] {
    state.started = true;
    const frames = [
      this.#chunk({
        tool_calls: [
          {
            index: state.ordinal,
            id: state.id,
            type: 'function',
            function: { name: state.name, arguments: '' },
          },
        ],
      }),
    ];
    if (state.arguments) frames.push(this.#toolChunk(state.ordinal, { arguments: state.arguments }));
    return frames;
  }

  #toolDone(index: number, call: { id: string; name: string; arguments: string }): string[] {
    const state = this.#state(index);
    if (!state.started) {
      state.id = call.id;
      state.name = call.name;
      state.arguments = call.arguments;
      return this.#startTool(state);
    }
    // A decoder may normalise arguments at the end (empty -> `{}`): send what the client lacks.
    if (call.arguments.startsWith(state.arguments) && call.arguments.length > state.arguments.length) {
      const rest = call.arguments.slice(state.arguments.length);
      state.arguments = call.arguments;
      return [this.#toolChunk(state.ordinal, { arguments: rest })];
    }
    return [];
  }

  #toolChunk(ordinal: number, fn: { arguments: string }): string {
    return this.#chunk({ tool_calls: [{ index: ordinal, function: fn }] });
  }

  #envelope() {
    this.#id ??= openAIId('');
    return { id: this.#id, object: 'chat.completion.chunk', created: this.#created, model: this.#model };
  }

  #chunk(delta: Record<string, unknown>, finishReason: string | null = null): string {
    const chunk: Record<string, unknown> = {
      ...this.#envelope(),
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    };
    if (this.#includeUsage) chunk.usage = null;
    return this.#frame(chunk);
  }

  #frame(value: unknown): string {
    return `data: ${JSON.stringify(value)}\n\n`;
  }
}
