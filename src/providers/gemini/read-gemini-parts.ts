import type { ToolCall } from '../../core/types/chat-result.js';
import type { GeminiPart } from './gemini-api-types.js';

export type GeminiPartItem =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string; signature?: string }
  | { type: 'tool-call'; toolCall: ToolCall };

/**
 * Reads response parts in order, for whole responses and stream chunks alike. Thought parts are
 * reasoning; a signature on a text part becomes a signature-only reasoning item so it can be sent
 * back; function calls get stable ids (`call_0`, `call_1`, ... across the whole response) because
 * Gemini usually sends none. `nextCallIndex` is the running count of calls so far.
 */
export function readGeminiParts(parts: GeminiPart[] | undefined, nextCallIndex: number): GeminiPartItem[] {
  const items: GeminiPartItem[] = [];
  let callIndex = nextCallIndex;
  for (const part of parts ?? []) {
    if (part.functionCall) {
      const input = part.functionCall.args ?? {};
      const toolCall: ToolCall = {
        id: part.functionCall.id || `call_${callIndex}`,
        name: part.functionCall.name,
        arguments: JSON.stringify(input),
        input,
      };
      if (part.thoughtSignature) toolCall.signature = part.thoughtSignature;
      callIndex++;
      items.push({ type: 'tool-call', toolCall });
    } else if (typeof part.text === 'string') {
      if (part.thought) {
        items.push(withSignature({ type: 'reasoning', text: part.text }, part.thoughtSignature));
        continue;
      }
      if (part.text !== '') items.push({ type: 'text', text: part.text });
      if (part.thoughtSignature)
        items.push({ type: 'reasoning', text: '', signature: part.thoughtSignature });
    }
  }
  return items;
}

function withSignature(
  item: { type: 'reasoning'; text: string },
  signature: string | undefined,
): GeminiPartItem {
  return signature ? { ...item, signature } : item;
}
