import { createHash } from 'node:crypto';
import { type MockReply, splitText, stringifyArguments } from '../mock-reply.js';

/**
 * Renders a scripted MockReply as Gemini wire responses: one GenerateContentResponse for
 * `generateContent`, or the list of chunks of `streamGenerateContent` (each a whole response with
 * text increments and running usage totals, the finish reason on the last).
 *
 * `finishReason: 'BLOCKED:<reason>'` renders a prompt blocked before generation: no candidates,
 * `promptFeedback.blockReason`.
 */

type Part = Record<string, unknown>;
type Response = Record<string, unknown>;

export interface RenderContext {
  model: string;
  /** The parsed request body (for includeThoughts and prompt size). */
  request: unknown;
  responseId: string;
}

interface Counts {
  prompt: number;
  cached: number;
  thoughts: number;
  candidates: number;
}

/** A fake but stable base64 signature, as thinking models attach to parts. */
export function fakeThoughtSignature(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  return Buffer.concat([Buffer.from([0x12, 0x34]), digest, digest]).toString('base64');
}

function includeThoughts(request: unknown): boolean {
  const config = (request as { generationConfig?: { thinkingConfig?: { includeThoughts?: unknown } } })
    ?.generationConfig;
  return config?.thinkingConfig?.includeThoughts === true;
}

function promptChars(request: unknown): number {
  const body = request as { contents?: unknown; systemInstruction?: unknown };
  return JSON.stringify(body?.contents ?? '').length + JSON.stringify(body?.systemInstruction ?? '').length;
}

function counts(reply: MockReply, request: unknown): Counts {
  const usage = reply.usage ?? {};
  const argsChars = (reply.toolCalls ?? []).reduce(
    (sum, call) => sum + call.name.length + stringifyArguments(call.arguments).length,
    0,
  );
  const thoughts = usage.reasoningTokens ?? (reply.reasoning ? Math.ceil(reply.reasoning.length / 4) : 0);
  const output =
    usage.outputTokens ?? Math.max(1, Math.ceil(((reply.text ?? '').length + argsChars) / 4)) + thoughts;
  return {
    prompt: usage.inputTokens ?? Math.max(1, Math.ceil(promptChars(request) / 4)),
    cached: usage.cachedInputTokens ?? 0,
    thoughts,
    candidates: Math.max(0, output - thoughts),
  };
}

/** usageMetadata as Gemini reports it: candidates exclude thoughts; total adds everything. */
function usageMetadata(c: Counts, candidatesSoFar: number, final: boolean): Record<string, unknown> {
  const usage: Record<string, unknown> = { promptTokenCount: c.prompt };
  if (candidatesSoFar > 0 || final) usage.candidatesTokenCount = candidatesSoFar;
  usage.totalTokenCount = c.prompt + candidatesSoFar + c.thoughts;
  if (c.cached > 0) usage.cachedContentTokenCount = c.cached;
  usage.promptTokensDetails = [{ modality: 'TEXT', tokenCount: c.prompt }];
  if (c.cached > 0) usage.cacheTokensDetails = [{ modality: 'TEXT', tokenCount: c.cached }];
  if (c.thoughts > 0) usage.thoughtsTokenCount = c.thoughts;
  return usage;
}

function functionCallParts(reply: MockReply, ctx: RenderContext): Part[] {
  return (reply.toolCalls ?? []).map((call, index) => {
    const args = typeof call.arguments === 'string' ? safeParse(call.arguments) : call.arguments;
    const part: Part = { functionCall: { name: call.name, args, ...(call.id ? { id: call.id } : {}) } };
    // With parallel calls only the first carries the signature, as Gemini does.
    if (index === 0) part.thoughtSignature = fakeThoughtSignature(`${ctx.responseId}:${call.name}`);
    return part;
  });
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function blockReason(reply: MockReply): string | undefined {
  return reply.finishReason?.startsWith('BLOCKED:') ? reply.finishReason.slice('BLOCKED:'.length) : undefined;
}

function blockedResponse(reason: string, c: Counts, ctx: RenderContext): Response {
  return {
    promptFeedback: { blockReason: reason },
    usageMetadata: { promptTokenCount: c.prompt, totalTokenCount: c.prompt },
    modelVersion: ctx.model,
    responseId: ctx.responseId,
  };
}

function response(
  parts: Part[],
  finishReason: string | undefined,
  usage: unknown,
  ctx: RenderContext,
): Response {
  const candidate: Record<string, unknown> = { content: { parts, role: 'model' } };
  if (finishReason) candidate.finishReason = finishReason;
  candidate.index = 0;
  return {
    candidates: [candidate],
    usageMetadata: usage,
    modelVersion: ctx.model,
    responseId: ctx.responseId,
  };
}

export function renderGeminiResponse(reply: MockReply, ctx: RenderContext): Response {
  const c = counts(reply, ctx.request);
  const blocked = blockReason(reply);
  if (blocked) return blockedResponse(blocked, c, ctx);
  const parts: Part[] = [];
  if (reply.reasoning && includeThoughts(ctx.request)) parts.push({ text: reply.reasoning, thought: true });
  if (reply.text) parts.push({ text: reply.text });
  const calls = functionCallParts(reply, ctx);
  parts.push(...calls);
  if (calls.length === 0 && reply.reasoning) {
    const last = parts[parts.length - 1];
    if (last && !last.thought) last.thoughtSignature = fakeThoughtSignature(ctx.responseId);
    else parts.push({ text: '', thoughtSignature: fakeThoughtSignature(ctx.responseId) });
  }
  return response(parts, reply.finishReason ?? 'STOP', usageMetadata(c, c.candidates, true), ctx);
}

export function renderGeminiChunks(reply: MockReply, ctx: RenderContext): Response[] {
  const c = counts(reply, ctx.request);
  const blocked = blockReason(reply);
  if (blocked) return [blockedResponse(blocked, c, ctx)];
  const contents: Part[][] = [];
  if (reply.reasoning && includeThoughts(ctx.request)) {
    for (const piece of splitText(reply.reasoning)) contents.push([{ text: piece, thought: true }]);
  }
  const thoughtChunks = contents.length;
  for (const piece of splitText(reply.text ?? '', reply.textChunks)) contents.push([{ text: piece }]);
  const calls = functionCallParts(reply, ctx);
  if (calls.length > 0) contents.push(calls);
  else if (reply.reasoning)
    contents.push([{ text: '', thoughtSignature: fakeThoughtSignature(ctx.responseId) }]);
  if (contents.length === 0) contents.push([{ text: '' }]);

  const answerChunks = contents.length - thoughtChunks;
  return contents.map((parts, i) => {
    const final = i === contents.length - 1;
    const answered = Math.max(0, i - thoughtChunks + 1);
    const candidatesSoFar = final ? c.candidates : Math.floor((c.candidates * answered) / answerChunks);
    return response(
      parts,
      final ? (reply.finishReason ?? 'STOP') : undefined,
      usageMetadata(c, candidatesSoFar, final),
      ctx,
    );
  });
}
