import type { OpenAIWireResponseContent } from './openai-wire-types.js';

/**
 * Message or delta content -> its text and reasoning. Content is a string almost everywhere;
 * Mistral's reasoning models send typed parts with `thinking` blocks instead.
 */
export function splitOpenAIContent(content: OpenAIWireResponseContent | undefined): {
  text: string;
  reasoning: string;
} {
  if (typeof content === 'string') return { text: content, reasoning: '' };
  let text = '';
  let reasoning = '';
  for (const part of content ?? []) {
    if (part.type === 'text' && typeof part.text === 'string') text += part.text;
    else if (part.type === 'thinking') {
      const thinking = part.thinking;
      if (typeof thinking === 'string') reasoning += thinking;
      else for (const inner of thinking ?? []) if (typeof inner.text === 'string') reasoning += inner.text;
    }
  }
  return { text, reasoning };
}
