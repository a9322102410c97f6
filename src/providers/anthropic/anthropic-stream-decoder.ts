import type { RawStreamMessage } from '../../core/stream/sse-reader.js';
import { ToolCallAssembler } from '../../core/stream/tool-call-assembler.js';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import type { StreamDecoder } from '../protocol-codec.js';
import { StreamLifecycle } from '../stream-lifecycle.js';
import type {
  AnthropicContentBlock,
  AnthropicDelta,
  AnthropicMessage,
  AnthropicStreamEvent,
  AnthropicUsage,
} from './anthropic-api-types.js';
import { anthropicStreamError } from './anthropic-error.js';
import { convertAnthropicUsage, mergeAnthropicUsage } from './convert-anthropic-usage.js';
import { anthropicJsonToolName } from './convert-to-anthropic-tools.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';

type Emit = (event: StreamEvent) => void;

/** What an open content block is, by its Anthropic `index`. */
type OpenBlock = { kind: 'text' | 'thinking' | 'answer' | 'other' } | { kind: 'tool'; ordinal: number };

/** Event names the official SDK acts on; it drops any other name, and so do we. */
const KNOWN_EVENTS = new Set([
  'message_start',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'message_delta',
  'message_stop',
  'ping',
  'error',
]);

const notJson = (data: string) => `could not parse stream event: ${data.slice(0, 200)}`;

/**
 * Decodes the Messages event grammar: `message_start`, content blocks (text, tool_use with
 * `input_json_delta`, thinking with `signature_delta`, redacted_thinking), `message_delta` with the
 * stop reason and cumulative usage, then `message_stop`, the only clean end. Tool calls are emitted
 * whole at `content_block_stop`, indexed by their order among tool calls (0, 1, ...), not by block
 * index, so an OpenAI-shaped egress can use the index as is.
 */
export class AnthropicStreamDecoder implements StreamDecoder {
  readonly #providerId: string;
  readonly #model: string;
  readonly #secrets: ReadonlyArray<string | undefined>;
  readonly #jsonTool: string | undefined;
  readonly #blocks = new Map<number, OpenBlock>();
  readonly #tools = new ToolCallAssembler();
  readonly #lifecycle: StreamLifecycle;
  #toolCount = 0;
  #answered = false;
  #usage: AnthropicUsage = {};
  #stopReason = '';

  constructor(providerId: string, request: ChatRequest, secrets: ReadonlyArray<string | undefined> = []) {
    this.#providerId = providerId;
    this.#model = request.model;
    this.#secrets = secrets;
    this.#jsonTool = anthropicJsonToolName(request);
    this.#lifecycle = new StreamLifecycle(providerId, request.model);
  }

  get done(): boolean {
    return this.#lifecycle.done;
  }

  push(message: RawStreamMessage, emit: Emit): void {
    const data = this.#lifecycle.readJson<AnthropicStreamEvent>(message.data, emit, notJson);
    if (data === undefined) return;
    // Dispatch on the SSE event name, as the SDK does; fall back to `data.type` for data-only proxies.
    const name = message.event ?? data?.type;
    if (!KNOWN_EVENTS.has(name)) return;
    switch (name) {
      case 'message_start':
        this.#start((data as Extract<AnthropicStreamEvent, { type: 'message_start' }>).message, emit);
        break;
      case 'content_block_start': {
        const event = data as Extract<AnthropicStreamEvent, { type: 'content_block_start' }>;
        this.#blockStart(event.index, event.content_block, emit);
        break;
      }
      case 'content_block_delta': {
        const event = data as Extract<AnthropicStreamEvent, { type: 'content_block_delta' }>;
        this.#blockDelta(event.index, event.delta, emit);
        break;
      }
      case 'content_block_stop':
        this.#blockStop((data as { index: number }).index, emit);
        break;
      case 'message_delta': {
        const event = data as Extract<AnthropicStreamEvent, { type: 'message_delta' }>;
        if (event.delta?.stop_reason) this.#stopReason = event.delta.stop_reason;
        this.#usage = mergeAnthropicUsage(this.#usage, event.usage);
        emit({ type: 'usage', usage: convertAnthropicUsage(this.#usage) });
        break;
      }
      case 'message_stop':
        this.#finish(emit);
        break;
      case 'error':
        this.#lifecycle.error(emit, anthropicStreamError(this.#providerId, this.#model, data, this.#secrets));
        break;
      default:
        // `ping`: a keep-alive.
        break;
    }
  }

  end(emit: Emit): void {
    this.#lifecycle.closed(emit, 'connection closed before message_stop');
  }

  #start(message: AnthropicMessage | undefined, emit: Emit): void {
    if (this.#lifecycle.started) return;
    this.#usage = mergeAnthropicUsage({}, message?.usage);
    this.#lifecycle.start(emit, message?.id, message?.model);
  }

  #ensureStarted(emit: Emit): void {
    // Lenient with proxies that drop `message_start`: content still gets its `start` first.
    this.#start(undefined, emit);
  }

  #blockStart(index: number, block: AnthropicContentBlock, emit: Emit): void {
    this.#ensureStarted(emit);
    const fields = block as Record<string, unknown>;
    switch (block.type) {
      case 'text':
        this.#blocks.set(index, { kind: 'text' });
        if (typeof fields.text === 'string' && fields.text !== '')
          emit({ type: 'text-delta', text: fields.text });
        return;
      case 'thinking':
        this.#blocks.set(index, { kind: 'thinking' });
        return;
      case 'redacted_thinking':
        this.#blocks.set(index, { kind: 'other' });
        emit({ type: 'reasoning-delta', text: '', redactedData: String(fields.data ?? '') });
        return;
      case 'tool_use': {
        if (fields.name === this.#jsonTool) {
          this.#blocks.set(index, { kind: 'answer' });
          this.#answered = true;
          return;
        }
        const ordinal = this.#toolCount++;
        this.#blocks.set(index, { kind: 'tool', ordinal });
        const id = String(fields.id ?? '');
        const name = String(fields.name ?? '');
        this.#tools.append(ordinal, { id, name });
        emit({ type: 'tool-call-delta', index: ordinal, id, name, argumentsDelta: '' });
        return;
      }
      default:
        this.#blocks.set(index, { kind: 'other' });
    }
  }

  #blockDelta(index: number, delta: AnthropicDelta, emit: Emit): void {
    const block = this.#blocks.get(index);
    if (!block || !delta) return;
    const fields = delta as Record<string, unknown>;
    if (delta.type === 'text_delta' && block.kind === 'text') {
      if (fields.text) emit({ type: 'text-delta', text: String(fields.text) });
    } else if (delta.type === 'thinking_delta' && block.kind === 'thinking') {
      if (fields.thinking) emit({ type: 'reasoning-delta', text: String(fields.thinking) });
    } else if (delta.type === 'signature_delta' && block.kind === 'thinking') {
      // The signature closes the thinking block it signs.
      emit({ type: 'reasoning-delta', text: '', signature: String(fields.signature ?? '') });
    } else if (delta.type === 'input_json_delta') {
      const partial = String(fields.partial_json ?? '');
      if (partial === '') return;
      if (block.kind === 'answer') emit({ type: 'text-delta', text: partial });
      else if (block.kind === 'tool') {
        this.#tools.append(block.ordinal, { argumentsDelta: partial });
        emit({ type: 'tool-call-delta', index: block.ordinal, argumentsDelta: partial });
      }
    }
  }

  #blockStop(index: number, emit: Emit): void {
    const block = this.#blocks.get(index);
    this.#blocks.delete(index);
    if (block?.kind !== 'tool') return;
    const completed = this.#tools.complete(block.ordinal);
    if (completed) emit({ type: 'tool-call', index: completed.index, toolCall: completed.toolCall });
  }

  #finish(emit: Emit): void {
    this.#ensureStarted(emit);
    // Calls whose block never stopped are still calls the model made.
    for (const { index, toolCall } of this.#tools.completeAll()) emit({ type: 'tool-call', index, toolCall });
    const raw = this.#stopReason;
    const finishReason =
      this.#answered && this.#toolCount === 0 && raw === 'tool_use' ? 'stop' : mapAnthropicFinishReason(raw);
    this.#lifecycle.finish(emit, {
      finishReason,
      rawFinishReason: raw,
      usage: convertAnthropicUsage(this.#usage),
    });
  }
}
