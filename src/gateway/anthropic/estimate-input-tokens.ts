import type { ChatRequest } from '../../core/types/chat-request.js';
import type { ContentPart } from '../../core/types/messages.js';

/** Anthropic bills an image at about (width * height) / 750 tokens; a full-size image is ~1600. */
const IMAGE_TOKENS = 1600;
/** Each message carries a few tokens of framing (role markers). */
const MESSAGE_OVERHEAD = 4;

function textTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * A local estimate of a prompt's input tokens (about 4 characters a token), for
 * `count_tokens` when the model's own tokenizer is not at hand. Providers differ by 10-20 %;
 * callers use it to decide when to compact, where an estimate on the safe side is what matters.
 */
export function estimateInputTokens(request: ChatRequest): number {
  let tokens = 0;
  for (const message of request.messages) {
    tokens += MESSAGE_OVERHEAD;
    const parts: ReadonlyArray<ContentPart> =
      typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    for (const part of parts) {
      if (part.type === 'text') tokens += textTokens(part.text);
      else if (part.type === 'reasoning')
        tokens += textTokens(part.text) + textTokens(part.redactedData ?? '');
      else if (part.type === 'image') tokens += IMAGE_TOKENS;
      else tokens += textTokens(`${part.name}${JSON.stringify(part.input ?? {})}`);
    }
  }
  for (const tool of request.tools ?? []) {
    tokens += textTokens(`${tool.name}${tool.description ?? ''}${JSON.stringify(tool.parameters)}`);
  }
  return Math.max(1, tokens);
}
