import { type MockReply, splitText, stringifyArguments } from '../mock-reply.js';

/** What the mock knows about the request a reply answers. */
export interface AnthropicReplyContext {
  /** `msg_…` id of this response. */
  id: string;
  model: string;
  /** The request body (for stop sequences, forced tools and the prompt size). */
  body: Record<string, unknown>;
}

type Block =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown; json: string };

/** A plausible opaque signature; the real one is base64 of an encrypted payload. */
function fakeSignature(text: string): string {
  return Buffer.from(`mock-signature:${text.length}:${text.slice(0, 24)}`).toString('base64');
}

function toolUseId(n: number, given?: string): string {
  return given ?? `toolu_01Mock${String(n).padStart(18, '0')}`;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The content blocks of a reply, in the API's order: thinking, text, tool calls. A request forcing
 * one tool (`tool_choice: {type:"tool"}`) gets that tool called with the reply's text as its input
 * when the text is a JSON object, as the real model has no other choice.
 */
function blocksOf(reply: MockReply, body: Record<string, unknown>): Block[] {
  const blocks: Block[] = [];
  if (reply.reasoning) {
    blocks.push({ type: 'thinking', thinking: reply.reasoning, signature: fakeSignature(reply.reasoning) });
  }
  const choice = body.tool_choice as { type?: string; name?: string } | undefined;
  const forcedInput =
    choice?.type === 'tool' && !reply.toolCalls?.length ? parseObject(reply.text ?? '') : undefined;
  if (forcedInput && choice?.name) {
    blocks.push({
      type: 'tool_use',
      id: toolUseId(0),
      name: choice.name,
      input: forcedInput,
      json: reply.text!,
    });
    return blocks;
  }
  if (reply.text) blocks.push({ type: 'text', text: reply.text });
  for (const [n, call] of (reply.toolCalls ?? []).entries()) {
    const json = stringifyArguments(call.arguments);
    const input = parseObject(json) ?? {};
    blocks.push({ type: 'tool_use', id: toolUseId(n, call.id), name: call.name, input, json });
  }
  return blocks;
}

/** About four characters a token, counted over everything the model would read. */
export function estimatePromptTokens(body: Record<string, unknown>): number {
  const text = JSON.stringify([body.system ?? '', body.messages ?? [], body.tools ?? []]);
  return Math.max(1, Math.ceil(text.length / 4));
}

function usageOf(reply: MockReply, body: Record<string, unknown>, blocks: Block[]) {
  const scripted = reply.usage ?? {};
  const cacheRead = scripted.cachedInputTokens ?? 0;
  const cacheWrite = scripted.cacheWriteTokens ?? 0;
  // Scripted usage is canonical (input includes the cache); Anthropic's input_tokens excludes it.
  const input = Math.max(0, (scripted.inputTokens ?? estimatePromptTokens(body)) - cacheRead - cacheWrite);
  const outputChars = blocks.reduce(
    (sum, b) =>
      sum + (b.type === 'text' ? b.text.length : b.type === 'thinking' ? b.thinking.length : b.json.length),
    0,
  );
  return {
    input_tokens: input,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    cache_creation: { ephemeral_5m_input_tokens: cacheWrite, ephemeral_1h_input_tokens: 0 },
    output_tokens: scripted.outputTokens ?? Math.max(1, Math.ceil(outputChars / 4)),
    service_tier: 'standard',
  };
}

function stopOf(reply: MockReply, body: Record<string, unknown>, blocks: Block[]) {
  const reason = reply.finishReason ?? (blocks.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
  const sequences = Array.isArray(body.stop_sequences) ? (body.stop_sequences as string[]) : [];
  return { stop_reason: reason, stop_sequence: reason === 'stop_sequence' ? (sequences[0] ?? null) : null };
}

function wireBlock(block: Block): Record<string, unknown> {
  if (block.type === 'tool_use')
    return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
  return block.type === 'text' ? { type: 'text', text: block.text } : { ...block };
}

/** The non-streaming `message` body. */
export function renderAnthropicMessage(
  reply: MockReply,
  ctx: AnthropicReplyContext,
): Record<string, unknown> {
  const blocks = blocksOf(reply, ctx.body);
  return {
    model: ctx.model,
    id: ctx.id,
    type: 'message',
    role: 'assistant',
    content: blocks.map(wireBlock),
    ...stopOf(reply, ctx.body, blocks),
    usage: usageOf(reply, ctx.body, blocks),
  };
}

/** Splits by code points so no fragment ends inside a surrogate pair. */
function fragments(text: string, pieces: number): string[] {
  const chars = Array.from(text);
  const size = Math.max(1, Math.ceil(chars.length / pieces));
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

export interface AnthropicStreamPlan {
  /** Event payloads in order; each payload's `type` is its SSE event name. */
  events: Array<Record<string, unknown>>;
  /** Position just after each content delta, to place an in-stream error after N of them. */
  afterDelta: number[];
}

/**
 * The event sequence of a streamed reply, in the exact order the API uses: `message_start`, a
 * `ping` after the first block opens, each block's start / deltas / stop (tool input as
 * `input_json_delta` fragments, the first one empty; thinking closed by a `signature_delta`), then
 * `message_delta` with the stop reason and cumulative usage, and `message_stop`.
 */
export function renderAnthropicStream(reply: MockReply, ctx: AnthropicReplyContext): AnthropicStreamPlan {
  const blocks = blocksOf(reply, ctx.body);
  const usage = usageOf(reply, ctx.body, blocks);
  const events: Array<Record<string, unknown>> = [];
  const afterDelta: number[] = [];
  const delta = (index: number, payload: Record<string, unknown>) => {
    events.push({ type: 'content_block_delta', index, delta: payload });
    afterDelta.push(events.length);
  };
  events.push({
    type: 'message_start',
    message: {
      model: ctx.model,
      id: ctx.id,
      type: 'message',
      role: 'assistant',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...usage, output_tokens: 1 },
    },
  });
  if (blocks.length === 0) events.push({ type: 'ping' });
  for (const [index, block] of blocks.entries()) {
    const start =
      block.type === 'tool_use'
        ? { type: 'tool_use', id: block.id, name: block.name, input: {} }
        : block.type === 'text'
          ? { type: 'text', text: '' }
          : { type: 'thinking', thinking: '', signature: '' };
    events.push({ type: 'content_block_start', index, content_block: start });
    if (index === 0) events.push({ type: 'ping' });
    if (block.type === 'text') {
      for (const text of splitText(block.text, reply.textChunks)) delta(index, { type: 'text_delta', text });
    } else if (block.type === 'thinking') {
      for (const thinking of splitText(block.thinking, reply.textChunks)) {
        delta(index, { type: 'thinking_delta', thinking });
      }
      delta(index, { type: 'signature_delta', signature: block.signature });
    } else {
      delta(index, { type: 'input_json_delta', partial_json: '' });
      for (const partial of fragments(block.json, 3))
        delta(index, { type: 'input_json_delta', partial_json: partial });
    }
    events.push({ type: 'content_block_stop', index });
  }
  events.push({
    type: 'message_delta',
    delta: stopOf(reply, ctx.body, blocks),
    usage: {
      input_tokens: usage.input_tokens,
      cache_creation_input_tokens: usage.cache_creation_input_tokens,
      cache_read_input_tokens: usage.cache_read_input_tokens,
      output_tokens: usage.output_tokens,
    },
  });
  events.push({ type: 'message_stop' });
  return { events, afterDelta };
}

/** One SSE frame: the API always sends the `event:` line, and the SDK needs it. */
export function anthropicSseFrame(payload: Record<string, unknown>): string {
  return `event: ${String(payload.type)}\ndata: ${JSON.stringify(payload)}\n\n`;
}
