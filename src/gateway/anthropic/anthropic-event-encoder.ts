import type { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { emptyUsage, type Usage } from '../../core/types/chat-result.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import { anthropicErrorBody } from './anthropic-error-body.js';
import {
  anthropicMessageId,
  convertToAnthropicUsage,
  mapFinishReasonToAnthropic,
} from './convert-to-anthropic-message.js';

type OpenBlock = { kind: 'text' } | { kind: 'thinking' } | { kind: 'tool'; index: number };

interface ToolState {
  id?: string;
  name?: string;
  /** Arguments not yet sent (the block is not open yet) or already sent (it is). */
  arguments: string;
  closed: boolean;
}

/**
 * Canonical stream events -> Anthropic SSE with the full event grammar: message_start, then
 * content blocks (start, deltas, stop) numbered 0, 1, ..., then message_delta with the stop reason
 * and usage, then message_stop. Anthropic blocks cannot interleave, so while a tool_use block is
 * open, events for anything else wait and are replayed in order once it closes. Pure.
 */
export class AnthropicEventEncoder {
  readonly #model: string;
  #id: string;
  #started = false;
  #nextIndex = 0;
  #open: OpenBlock | undefined;
  readonly #tools = new Map<number, ToolState>();
  #waiting: StreamEvent[] = [];
  #usage: Usage = emptyUsage();

  constructor(options: { model: string; id?: string }) {
    this.#model = options.model;
    this.#id = anthropicMessageId(options.id ?? '');
  }

  encode(event: StreamEvent): string[] {
    if (event.type === 'start') {
      if (event.id) this.#id = anthropicMessageId(event.id);
      return [];
    }
    if (event.type === 'usage') {
      this.#usage = event.usage;
      return [];
    }
    if (event.type === 'error') return this.error(event.error);
    const out = this.#messageStart();
    if (event.type === 'finish') return [...out, ...this.#finish(event)];
    if (this.#open?.kind === 'tool' && !this.#belongsToOpenTool(event)) {
      this.#waiting.push(event);
      return out;
    }
    out.push(...this.#content(event));
    return out;
  }

  /** Anthropic's in-stream error event; nothing follows it. */
  error(error: SwitchyardError, status = 500): string[] {
    return [frame('error', anthropicErrorBody(error, status))];
  }

  #messageStart(): string[] {
    if (this.#started) return [];
    this.#started = true;
    const usage = convertToAnthropicUsage(this.#usage);
    return [
      frame('message_start', {
        type: 'message_start',
        message: {
          id: this.#id,
          type: 'message',
          role: 'assistant',
          model: this.#model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { ...usage, output_tokens: Math.min(usage.output_tokens, 1) },
        },
      }),
    ];
  }

  #belongsToOpenTool(event: StreamEvent): boolean {
    const open = this.#open;
    return (
      open?.kind === 'tool' &&
      (event.type === 'tool-call-delta' || event.type === 'tool-call') &&
      event.index === open.index
    );
  }

  #content(event: StreamEvent): string[] {
    switch (event.type) {
      case 'text-delta':
        if (!event.text) return [];
        return [...this.#ensureOpen({ kind: 'text' }), this.#delta({ type: 'text_delta', text: event.text })];
      case 'reasoning-delta': {
        const out = this.#ensureOpen({ kind: 'thinking' });
        if (event.text) out.push(this.#delta({ type: 'thinking_delta', thinking: event.text }));
        if (event.signature !== undefined) {
          // A signature closes the thinking part it signs (as ChatStream reads it).
          out.push(this.#delta({ type: 'signature_delta', signature: event.signature }), ...this.#close());
        }
        return out;
      }
      case 'tool-call-delta':
        return this.#toolDelta(event.index, event);
      case 'tool-call':
        return this.#toolDone(event.index, event.toolCall);
      default:
        return [];
    }
  }

  #tool(index: number): ToolState {
    let state = this.#tools.get(index);
    if (!state) {
      state = { arguments: '', closed: false };
      this.#tools.set(index, state);
    }
    return state;
  }

  #toolDelta(index: number, delta: { id?: string; name?: string; argumentsDelta: string }): string[] {
    const state = this.#tool(index);
    if (state.closed) return [];
    state.id ??= delta.id;
    state.name ??= delta.name;
    if (this.#open?.kind === 'tool' && this.#open.index === index) {
      state.arguments += delta.argumentsDelta;
      return delta.argumentsDelta ? [this.#inputDelta(delta.argumentsDelta)] : [];
    }
    state.arguments += delta.argumentsDelta;
    if (state.id === undefined || state.name === undefined) return [];
    return this.#openTool(index, state);
  }

  #openTool(index: number, state: ToolState): string[] {
    const out = [
      ...this.#close(),
      ...this.#startBlock(
        { kind: 'tool', index },
        {
          type: 'tool_use',
          id: state.id,
          name: state.name,
          input: {},
        },
      ),
    ];
    if (state.arguments) out.push(this.#inputDelta(state.arguments));
    return out;
  }

  #toolDone(index: number, call: { id: string; name: string; arguments: string }): string[] {
    const state = this.#tool(index);
    if (state.closed) return [];
    const out: string[] = [];
    if (!(this.#open?.kind === 'tool' && this.#open.index === index)) {
      state.id = call.id;
      state.name = call.name;
      state.arguments = '';
      out.push(...this.#openTool(index, state));
    }
    if (call.arguments.startsWith(state.arguments) && call.arguments.length > state.arguments.length) {
      out.push(this.#inputDelta(call.arguments.slice(state.arguments.length)));
    }
    state.arguments = call.arguments;
    state.closed = true;
    out.push(...this.#close());
    return [...out, ...this.#replayWaiting()];
  }

  #replayWaiting(): string[] {
    const waiting = this.#waiting;
    this.#waiting = [];
    const out: string[] = [];
    for (const event of waiting) out.push(...this.encode(event));
    return out;
  }

  #finish(event: Extract<StreamEvent, { type: 'finish' }>): string[] {
    // Calls that never completed cannot stay open: close each as it stands, in order.
    const out: string[] = [];
    while (this.#open || this.#waiting.length > 0) {
      if (this.#open?.kind === 'tool') this.#tool(this.#open.index).closed = true;
      out.push(...this.#close(), ...this.#replayWaiting());
    }
    const usage = convertToAnthropicUsage(event.usage);
    out.push(
      frame('message_delta', {
        type: 'message_delta',
        delta: {
          stop_reason: mapFinishReasonToAnthropic(event.finishReason, event.rawFinishReason),
          stop_sequence: null,
        },
        usage,
      }),
      frame('message_stop', { type: 'message_stop' }),
    );
    return out;
  }

  #ensureOpen(block: { kind: 'text' } | { kind: 'thinking' }): string[] {
    if (this.#open?.kind === block.kind) return [];
    const contentBlock =
      block.kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' };
    return [...this.#close(), ...this.#startBlock(block, contentBlock)];
  }

  #startBlock(block: OpenBlock, contentBlock: Record<string, unknown>): string[] {
    this.#open = block;
    const index = this.#nextIndex;
    return [
      frame('content_block_start', { type: 'content_block_start', index, content_block: contentBlock }),
    ];
  }

  #close(): string[] {
    if (!this.#open) return [];
    this.#open = undefined;
    const index = this.#nextIndex++;
    return [frame('content_block_stop', { type: 'content_block_stop', index })];
  }

  #delta(delta: Record<string, unknown>): string {
    return frame('content_block_delta', { type: 'content_block_delta', index: this.#nextIndex, delta });
  }

  #inputDelta(partialJson: string): string {
    return this.#delta({ type: 'input_json_delta', partial_json: partialJson });
  }
}

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
