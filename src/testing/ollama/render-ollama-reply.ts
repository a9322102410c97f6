import { fakeEmbedding, type MockReply, type MockToolCall, splitText } from '../mock-reply.js';

/** Ollama timestamps carry nanoseconds; a fixed clock keeps replies reproducible. */
function createdAt(step: number): string {
  const ms = Date.UTC(2025, 11, 1, 10, 0, 0) + step * 20;
  return `${new Date(ms).toISOString().slice(0, -1)}000001Z`;
}

function argumentsObject(args: MockToolCall['arguments']): Record<string, unknown> {
  if (typeof args !== 'string') return args;
  try {
    return JSON.parse(args) as Record<string, unknown>;
  } catch {
    return { value: args };
  }
}

function toolCalls(reply: MockReply) {
  return (reply.toolCalls ?? []).map((call, index) => ({
    id: call.id ?? `call_mock${index}`,
    function: { index, name: call.name, arguments: argumentsObject(call.arguments) },
  }));
}

function promptTokens(body: Record<string, unknown>): number {
  const messages = Array.isArray(body.messages) ? (body.messages as Array<{ content?: unknown }>) : [];
  const chars = messages.reduce((sum, m) => sum + (typeof m.content === 'string' ? m.content.length : 0), 0);
  return Math.max(1, Math.ceil(chars / 4));
}

/** The metrics of the final object, in nanoseconds as the server reports them. */
function doneFields(reply: MockReply, body: Record<string, unknown>, outputPieces: number) {
  const evalCount = reply.usage?.outputTokens ?? Math.max(1, outputPieces);
  return {
    done: true,
    done_reason: reply.finishReason ?? 'stop',
    total_duration: 182242375,
    load_duration: 41295167,
    prompt_eval_count: reply.usage?.inputTokens ?? promptTokens(body),
    prompt_eval_duration: 24573166,
    eval_count: evalCount,
    eval_duration: 115959084,
  };
}

/** The `stream: false` body: one object shaped like the final line, with the whole message. */
export function ollamaChatBody(reply: MockReply, body: Record<string, unknown>): Record<string, unknown> {
  const message: Record<string, unknown> = { role: 'assistant', content: reply.text ?? '' };
  if (reply.reasoning) message.thinking = reply.reasoning;
  const calls = toolCalls(reply);
  if (calls.length > 0) message.tool_calls = calls;
  const pieces = splitText(reply.text ?? '').length + splitText(reply.reasoning ?? '').length;
  return {
    model: reply.model ?? body.model,
    created_at: createdAt(pieces),
    message,
    ...doneFields(reply, body, pieces),
  };
}

/**
 * The NDJSON lines of a stream: thinking pieces, content pieces, one line with every tool call,
 * then the `done: true` line. `errorAfterChunks` replaces the rest with an `{"error"}` line.
 */
export function ollamaChatLines(reply: MockReply, body: Record<string, unknown>): string[] {
  const model = reply.model ?? body.model;
  const lines: Array<Record<string, unknown>> = [];
  const line = (message: Record<string, unknown>) =>
    lines.push({
      model,
      created_at: createdAt(lines.length),
      message: { role: 'assistant', content: '', ...message },
      done: false,
    });
  for (const piece of splitText(reply.reasoning ?? '')) line({ thinking: piece });
  for (const piece of splitText(reply.text ?? '', reply.textChunks)) line({ content: piece });
  const calls = toolCalls(reply);
  if (calls.length > 0) line({ tool_calls: calls });

  if (reply.errorAfterChunks) {
    const kept = lines.slice(0, reply.errorAfterChunks.chunks);
    kept.push({
      error: reply.errorAfterChunks?.message ?? 'an error was encountered while running the model',
    });
    return kept.map((l) => `${JSON.stringify(l)}\n`);
  }
  lines.push({
    model,
    created_at: createdAt(lines.length),
    message: { role: 'assistant', content: '' },
    ...doneFields(reply, body, lines.length),
  });
  return lines.map((l) => `${JSON.stringify(l)}\n`);
}

export function ollamaEmbedBody(reply: MockReply, body: Record<string, unknown>): Record<string, unknown> {
  const inputs = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input ?? '')];
  const dimensions = typeof body.dimensions === 'number' ? body.dimensions : 8;
  const chars = inputs.reduce((sum, text) => sum + text.length, 0);
  return {
    model: reply.model ?? body.model,
    embeddings: reply.embeddings ?? inputs.map((text) => fakeEmbedding(text, dimensions)),
    total_duration: 14143917,
    load_duration: 1019500,
    prompt_eval_count: reply.usage?.inputTokens ?? Math.max(1, Math.ceil(chars / 4)),
  };
}

/** Default `{"error"}` texts, worded as the Dec-2025 server words them. */
export function ollamaErrorText(status: number, model: unknown): string {
  switch (status) {
    case 400:
      return 'invalid request';
    case 401:
      return 'unauthorized';
    case 404:
      return `model '${String(model)}' not found`;
    case 429:
      return 'too many requests';
    case 503:
      return 'server busy, please try again.  maximum pending requests exceeded';
    default:
      return 'an error was encountered while running the model';
  }
}
