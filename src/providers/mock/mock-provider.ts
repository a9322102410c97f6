import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { ChatStream } from '../../core/stream/chat-stream.js';
import { finalizeToolCall } from '../../core/stream/tool-call-assembler.js';
import type { ChatRequest, EmbedRequest } from '../../core/types/chat-request.js';
import type {
  ChatResult,
  EmbedResult,
  FinishReason,
  HealthReport,
  ModelInfo,
} from '../../core/types/chat-result.js';
import { contentText } from '../../core/types/messages.js';
import type { Provider, ProviderFeatures } from '../../core/types/provider.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import { fakeEmbedding, type MockReply, splitText, stringifyArguments } from '../../testing/mock-reply.js';
import { mockErrorFor } from './mock-errors.js';
import { estimateMockUsage } from './mock-usage.js';

export interface MockProviderOptions {
  id?: string;
  /** Replies answered in order; when empty, `defaultReply` (or an echo of the last user message). */
  replies?: MockReply[];
  defaultReply?: MockReply;
  models?: string[];
}

const ALL_FEATURES: ProviderFeatures = {
  streaming: true,
  tools: true,
  structuredOutput: true,
  jsonMode: true,
  vision: true,
  embeddings: true,
  reasoning: true,
};

function sleep(ms: number | undefined, signal?: AbortSignal): Promise<void> {
  if (!ms) return Promise.resolve();
  return new Promise((resolve, reject) => {
    // An already-aborted signal never fires 'abort' again: without this check the wait runs its full length.
    if (signal?.aborted) {
      reject(new SwitchyardError({ kind: 'aborted', message: 'mock: aborted by the caller' }));
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new SwitchyardError({ kind: 'aborted', message: 'mock: aborted by the caller' }));
      },
      { once: true },
    );
  });
}

/**
 * An in-process provider with scripted replies, for users' unit tests and for the gateway's
 * no-keys default. It goes through the same canonical types as the HTTP providers.
 */
export class MockProvider implements Provider {
  readonly id: string;
  readonly protocol = 'mock' as const;
  readonly features = ALL_FEATURES;
  readonly requests: Array<ChatRequest | EmbedRequest> = [];
  readonly #queue: MockReply[];
  readonly #defaultReply: MockReply | undefined;
  readonly #models: string[];
  #counter = 0;

  constructor(options: MockProviderOptions = {}) {
    this.id = options.id ?? 'mock';
    this.#queue = [...(options.replies ?? [])];
    this.#defaultReply = options.defaultReply;
    this.#models = options.models ?? ['echo', 'echo-large'];
  }

  enqueue(...replies: MockReply[]): this {
    this.#queue.push(...replies);
    return this;
  }

  #next(request: ChatRequest): MockReply {
    const reply = this.#queue.shift() ?? this.#defaultReply;
    if (reply) return reply;
    const lastUser = [...request.messages].reverse().find((m) => m.role === 'user');
    const said = lastUser ? contentText(lastUser.content) : '';
    return { text: said ? `You said: ${said}` : 'Hello from the Switchyard mock provider.' };
  }

  async chat(request: ChatRequest): Promise<ChatResult> {
    return this.stream(request).result;
  }

  stream(request: ChatRequest): ChatStream {
    this.requests.push(request);
    const started = performance.now();
    return new ChatStream(this.#events(request, this.#next(request)), {
      provider: this.id,
      model: request.model,
      startedAt: started,
    });
  }

  async *#events(request: ChatRequest, reply: MockReply): AsyncGenerator<StreamEvent> {
    const provider = this.id;
    try {
      await sleep(reply.delayMs, request.signal);
      if (reply.error) {
        yield { type: 'error', error: mockErrorFor(provider, request.model, reply.error) };
        return;
      }
      yield {
        type: 'start',
        id: `mock-${++this.#counter}`,
        model: reply.model ?? request.model,
        provider,
        warnings: [],
      };
      await sleep(reply.firstChunkDelayMs, request.signal);
      const pieces = splitText(reply.text ?? '', reply.textChunks);
      let sent = 0;
      if (reply.reasoning) yield { type: 'reasoning-delta', text: reply.reasoning };
      for (const piece of pieces) {
        if (reply.dropAfterChunks !== undefined && sent >= reply.dropAfterChunks) {
          yield {
            type: 'error',
            error: new SwitchyardError({
              kind: 'network',
              provider,
              message: `${provider}: connection dropped mid-stream`,
            }),
          };
          return;
        }
        if (reply.errorAfterChunks && sent >= reply.errorAfterChunks.chunks) {
          const e = reply.errorAfterChunks;
          yield {
            type: 'error',
            error: mockErrorFor(provider, request.model, { status: e.status ?? 529, message: e.message }),
          };
          return;
        }
        if (sent > 0) await sleep(reply.chunkDelayMs, request.signal);
        sent++;
        yield { type: 'text-delta', text: piece };
      }
      const toolCalls = (reply.toolCalls ?? []).map((call, index) =>
        finalizeToolCall({
          id: call.id ?? `call_mock_${index}`,
          name: call.name,
          arguments: stringifyArguments(call.arguments),
        }),
      );
      for (const [index, toolCall] of toolCalls.entries()) {
        yield {
          type: 'tool-call-delta',
          index,
          id: toolCall.id,
          name: toolCall.name,
          argumentsDelta: toolCall.arguments,
        };
        yield { type: 'tool-call', index, toolCall };
      }
      const usage = estimateMockUsage(request, reply);
      yield { type: 'usage', usage };
      const raw = reply.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop');
      yield { type: 'finish', finishReason: unifiedFinish(raw), rawFinishReason: raw, usage };
    } catch (error) {
      yield {
        type: 'error',
        error:
          error instanceof SwitchyardError
            ? error
            : new SwitchyardError({ kind: 'server_error', provider, message: String(error) }),
      };
    }
  }

  async embed(request: EmbedRequest): Promise<EmbedResult> {
    this.requests.push(request);
    const started = performance.now();
    const inputs = Array.isArray(request.input) ? request.input : [request.input];
    const reply = this.#queue.shift() ?? this.#defaultReply;
    if (reply?.error) throw mockErrorFor(this.id, request.model, reply.error);
    return {
      provider: this.id,
      model: request.model,
      embeddings: reply?.embeddings ?? inputs.map((text) => fakeEmbedding(text, request.dimensions)),
      usage: { inputTokens: inputs.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0) },
      latencyMs: Math.round(performance.now() - started),
      warnings: [],
    };
  }

  async listModels(): Promise<ModelInfo[]> {
    return this.#models.map((id) => ({ id, provider: this.id, ownedBy: 'switchyard' }));
  }

  async health(): Promise<HealthReport> {
    return { provider: this.id, status: 'healthy', latencyMs: 0, checkedAt: new Date().toISOString() };
  }
}

function unifiedFinish(raw: string): FinishReason {
  const known: FinishReason[] = ['stop', 'length', 'tool_calls', 'content_filter', 'error'];
  return (known as string[]).includes(raw) ? (raw as FinishReason) : 'other';
}
