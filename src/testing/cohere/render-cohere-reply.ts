import { fakeEmbedding, type MockReply, splitText, stringifyArguments } from '../mock-reply.js';

/** Deterministic UUID-shaped ids, as Cohere's look. */
export function cohereId(seed: number): string {
  const hex = (seed * 2654435761).toString(16).padStart(8, '0').slice(-8);
  return `${hex}-2c12-44d3-ae42-2f5510f6b1cc`;
}

function toolCalls(reply: MockReply) {
  return (reply.toolCalls ?? []).map((call, index) => ({
    id: call.id ?? `${call.name}_mock${index}`,
    type: 'function' as const,
    function: { name: call.name, arguments: stringifyArguments(call.arguments) },
  }));
}

function promptTokens(body: Record<string, unknown>): number {
  const messages = Array.isArray(body.messages) ? (body.messages as Array<{ content?: unknown }>) : [];
  const chars = messages.reduce((sum, m) => sum + JSON.stringify(m.content ?? '').length, 0);
  return Math.max(1, Math.ceil(chars / 4));
}

/** `tokens` include Cohere's prompt template, so they exceed the billed units, as on the real API. */
function usage(reply: MockReply, body: Record<string, unknown>) {
  const input = reply.usage?.inputTokens ?? promptTokens(body) + 490;
  const output = reply.usage?.outputTokens ?? Math.max(1, splitText(reply.text ?? '').length + 2);
  return {
    billed_units: { input_tokens: Math.max(1, input - 490), output_tokens: output },
    tokens: { input_tokens: input, output_tokens: output },
    cached_tokens: reply.usage?.cachedInputTokens ?? 0,
  };
}

function finishReason(reply: MockReply): string {
  return reply.finishReason ?? (reply.toolCalls?.length ? 'TOOL_CALL' : 'COMPLETE');
}

function toolPlan(reply: MockReply): string {
  const names = (reply.toolCalls ?? []).map((c) => c.name).join(' and ');
  return `I will use ${names}.`;
}

export function cohereChatBody(reply: MockReply, body: Record<string, unknown>, seed: number) {
  const content: Array<Record<string, string>> = [];
  if (reply.reasoning) content.push({ type: 'thinking', thinking: reply.reasoning });
  if (reply.text) content.push({ type: 'text', text: reply.text });
  const message: Record<string, unknown> = { role: 'assistant' };
  const calls = toolCalls(reply);
  if (calls.length > 0) {
    message.tool_plan = toolPlan(reply);
    message.tool_calls = calls;
  }
  if (content.length > 0 || calls.length === 0) message.content = content;
  return { id: cohereId(seed), message, finish_reason: finishReason(reply), usage: usage(reply, body) };
}

/**
 * The SSE frames of a stream (`event: <type>` then `data: {"type": ...}`): message-start, content
 * blocks (thinking, then text), tool plan and tool calls, message-end with finish reason and usage.
 * `errorAfterChunks` ends early with a message-end carrying `finish_reason: ERROR` and `error`.
 */
export function cohereChatFrames(reply: MockReply, body: Record<string, unknown>, seed: number): string[] {
  const events: Array<Record<string, unknown>> = [];
  let contentChunks = 0;
  const failAt = reply.errorAfterChunks?.chunks;
  const failed = () => failAt !== undefined && contentChunks >= failAt;
  events.push({
    id: cohereId(seed),
    type: 'message-start',
    delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } },
  });
  const block = (index: number, kind: 'thinking' | 'text', pieces: string[]) => {
    if (pieces.length === 0 || failed()) return;
    events.push({
      type: 'content-start',
      index,
      delta: { message: { content: { type: kind, [kind]: '' } } },
    });
    for (const piece of pieces) {
      if (failed()) return;
      events.push({ type: 'content-delta', index, delta: { message: { content: { [kind]: piece } } } });
      contentChunks++;
    }
    events.push({ type: 'content-end', index });
  };
  const reasoning = splitText(reply.reasoning ?? '');
  block(0, 'thinking', reasoning);
  block(reasoning.length > 0 ? 1 : 0, 'text', splitText(reply.text ?? '', reply.textChunks));
  const calls = toolCalls(reply);
  if (calls.length > 0 && !failed()) {
    for (const piece of splitText(toolPlan(reply))) {
      events.push({ type: 'tool-plan-delta', delta: { message: { tool_plan: piece } } });
    }
    calls.forEach((call, index) => {
      const start = { ...call, function: { name: call.function.name, arguments: '' } };
      events.push({ type: 'tool-call-start', index, delta: { message: { tool_calls: start } } });
      for (const piece of splitText(call.function.arguments, 3)) {
        events.push({
          type: 'tool-call-delta',
          index,
          delta: { message: { tool_calls: { function: { arguments: piece } } } },
        });
      }
      events.push({ type: 'tool-call-end', index });
    });
  }
  if (reply.errorAfterChunks) {
    const error =
      reply.errorAfterChunks.message ?? 'internal server error, this has been reported to our developers';
    events.push({ type: 'message-end', delta: { finish_reason: 'ERROR', error } });
  } else {
    events.push({
      type: 'message-end',
      delta: { finish_reason: finishReason(reply), usage: usage(reply, body) },
    });
  }
  return events.map((event) => `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`);
}

/** `/v2/embed`: `embeddings_by_type` when `embedding_types` is given, else the plain float list. */
export function cohereEmbedBody(reply: MockReply, body: Record<string, unknown>, seed: number) {
  const texts = Array.isArray(body.texts) ? (body.texts as string[]) : [];
  const dimensions = typeof body.output_dimension === 'number' ? body.output_dimension : 8;
  const vectors = reply.embeddings ?? texts.map((text) => fakeEmbedding(text, dimensions));
  const chars = texts.reduce((sum, text) => sum + text.length, 0);
  const meta = {
    api_version: { version: '2' },
    billed_units: { input_tokens: reply.usage?.inputTokens ?? Math.max(1, Math.ceil(chars / 4)) },
  };
  const types = Array.isArray(body.embedding_types) ? (body.embedding_types as string[]) : undefined;
  if (!types)
    return { id: cohereId(seed), texts, embeddings: vectors, meta, response_type: 'embeddings_floats' };
  const embeddings: Record<string, number[][]> = {};
  if (types.includes('float')) embeddings.float = vectors;
  return { id: cohereId(seed), texts, embeddings, meta, response_type: 'embeddings_by_type' };
}

/** Default error messages, worded as Cohere words them. */
export function cohereErrorText(status: number, model: unknown): string {
  switch (status) {
    case 400:
      return 'invalid request: message must be at least 1 token long or tool results must be specified.';
    case 401:
    case 498:
      return 'invalid api token';
    case 404:
      return `model '${String(model)}' not found, make sure the correct model ID was used and that you have access to the model.`;
    case 422:
      return 'invalid request: unprocessable entity';
    case 429:
      return 'You are past the per minute request limit, please wait and try again later.';
    case 503:
      return 'service unavailable';
    case 504:
      return 'gateway timeout';
    default:
      return 'internal server error, this has been reported to our developers';
  }
}
