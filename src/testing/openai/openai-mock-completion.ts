import { fakeEmbedding, type MockReply, splitText, stringifyArguments } from '../mock-reply.js';

/** What the mock read from the request that shapes the answer. */
export interface MockChatContext {
  id: string;
  created: number;
  model: string;
  /** Prompt size in characters, for a plausible token estimate. */
  promptChars: number;
  includeUsage: boolean;
}

function toolCallsOf(reply: MockReply) {
  return (reply.toolCalls ?? []).map((call, index) => ({
    id: call.id ?? `call_mock${String(index).padStart(3, '0')}`,
    type: 'function' as const,
    function: { name: call.name, arguments: stringifyArguments(call.arguments) },
  }));
}

function finishReasonOf(reply: MockReply): string {
  return reply.finishReason ?? ((reply.toolCalls ?? []).length > 0 ? 'tool_calls' : 'stop');
}

/** OpenAI's usage object, scripted or estimated at four characters a token. */
export function mockUsage(reply: MockReply, context: MockChatContext) {
  const scripted = reply.usage ?? {};
  const outputChars =
    (reply.text ?? '').length +
    (reply.reasoning ?? '').length +
    toolCallsOf(reply).reduce((sum, call) => sum + call.function.arguments.length, 0);
  const prompt = scripted.inputTokens ?? Math.max(1, Math.ceil(context.promptChars / 4));
  const completion = scripted.outputTokens ?? Math.max(1, Math.ceil(outputChars / 4));
  const promptDetails: Record<string, number> = {
    cached_tokens: scripted.cachedInputTokens ?? 0,
    audio_tokens: 0,
  };
  if (scripted.cacheWriteTokens) promptDetails.cache_write_tokens = scripted.cacheWriteTokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: promptDetails,
    completion_tokens_details: {
      reasoning_tokens: scripted.reasoningTokens ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** A `chat.completion` body. Reasoning goes in `reasoning_content`, as DeepSeek sends it. */
export function mockCompletion(reply: MockReply, context: MockChatContext): unknown {
  const toolCalls = toolCallsOf(reply);
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: reply.text ?? (toolCalls.length > 0 ? null : ''),
    refusal: null,
    annotations: [],
  };
  if (reply.reasoning) message.reasoning_content = reply.reasoning;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return {
    id: context.id,
    object: 'chat.completion',
    created: context.created,
    model: reply.model ?? context.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReasonOf(reply) }],
    usage: mockUsage(reply, context),
    service_tier: 'default',
    system_fingerprint: 'fp_mock0001',
  };
}

/** Splits JSON argument text into a few pieces, as the API streams them. */
function argumentPieces(text: string): string[] {
  if (text.length <= 4) return [text];
  const size = Math.ceil(text.length / 3);
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

/**
 * The `chat.completion.chunk` payloads of a stream, in OpenAI's order: a role chunk, reasoning,
 * text, tool-call fragments (first with id + name + empty arguments), an empty-delta chunk with the
 * finish reason, then the `choices: []` usage chunk when `include_usage` was asked for.
 * `contentCount` says how many leading payloads count as content chunks for scripted failures.
 */
export function mockChunks(
  reply: MockReply,
  context: MockChatContext,
): { payloads: unknown[]; contentCount: number } {
  const model = reply.model ?? context.model;
  const usageField = context.includeUsage ? { usage: null } : {};
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
    id: context.id,
    object: 'chat.completion.chunk',
    created: context.created,
    model,
    service_tier: 'default',
    system_fingerprint: 'fp_mock0001',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...usageField,
  });
  const payloads: unknown[] = [chunk({ role: 'assistant', content: '', refusal: null })];
  if (reply.reasoning) {
    for (const piece of splitText(reply.reasoning)) payloads.push(chunk({ reasoning_content: piece }));
  }
  for (const piece of splitText(reply.text ?? '', reply.textChunks)) payloads.push(chunk({ content: piece }));
  for (const [index, call] of toolCallsOf(reply).entries()) {
    payloads.push(
      chunk({
        tool_calls: [
          { index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } },
        ],
      }),
    );
    for (const piece of argumentPieces(call.function.arguments)) {
      payloads.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  }
  const contentCount = payloads.length;
  payloads.push(chunk({}, finishReasonOf(reply)));
  if (context.includeUsage) {
    payloads.push({
      id: context.id,
      object: 'chat.completion.chunk',
      created: context.created,
      model,
      service_tier: 'default',
      system_fingerprint: 'fp_mock0001',
      choices: [],
      usage: mockUsage(reply, context),
    });
  }
  return { payloads, contentCount };
}

/** A `/embeddings` body; `base64` vectors are little-endian float32 bytes, as the SDK expects. */
export function mockEmbeddings(
  reply: MockReply,
  request: { model: string; input: string[]; dimensions?: number; base64: boolean },
): unknown {
  const vectors = reply.embeddings ?? request.input.map((text) => fakeEmbedding(text, request.dimensions));
  const encode = (vector: number[]) => {
    if (!request.base64) return vector;
    const bytes = Buffer.alloc(vector.length * 4);
    for (const [i, value] of vector.entries()) bytes.writeFloatLE(value, i * 4);
    return bytes.toString('base64');
  };
  const tokens = request.input.reduce((sum, text) => sum + Math.max(1, Math.ceil(text.length / 4)), 0);
  return {
    object: 'list',
    data: vectors.map((vector, index) => ({ object: 'embedding', index, embedding: encode(vector) })),
    model: reply.model ?? request.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
