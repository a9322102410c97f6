import { unsupportedFeature } from '../../core/errors/switchyard-error.js';
import type { ImagePart, Message } from '../../core/types/messages.js';
import { contentParts } from '../../core/types/messages.js';
import type { CohereMessage, CohereToolCall, CohereToolContent, CohereUserContent } from './cohere-api.js';

function imageUrl(part: ImagePart): string {
  if (part.url) return part.url;
  return `data:${part.mediaType ?? 'image/png'};base64,${part.data ?? ''}`;
}

/**
 * A tool result becomes a document the model can cite: a JSON object result is the document's
 * data as-is, anything else is wrapped as `{ "result": text }`.
 */
function toolDocument(text: string): CohereToolContent {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return { type: 'document', document: { data: parsed as Record<string, unknown> } };
    }
  } catch {
    // Plain text result.
  }
  return { type: 'document', document: { data: { result: text } } };
}

/** Canonical messages -> Cohere v2 chat messages. */
export function convertToCohereMessages(provider: string, messages: Message[]): CohereMessage[] {
  const out: CohereMessage[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        out.push({
          role: 'system',
          content: contentParts(message.content)
            .map((p) => p.text)
            .join(''),
        });
        break;
      case 'user': {
        if (typeof message.content === 'string') {
          out.push({ role: 'user', content: message.content });
          break;
        }
        const content: CohereUserContent[] = message.content.map((part) =>
          part.type === 'text'
            ? { type: 'text', text: part.text }
            : { type: 'image_url', image_url: { url: imageUrl(part) } },
        );
        out.push({ role: 'user', content });
        break;
      }
      case 'assistant': {
        const content: Array<{ type: 'text'; text: string } | { type: 'thinking'; thinking: string }> = [];
        const toolCalls: CohereToolCall[] = [];
        for (const part of contentParts(message.content)) {
          if (part.type === 'text') {
            if (part.text) content.push({ type: 'text', text: part.text });
          } else if (part.type === 'reasoning') {
            if (part.text) content.push({ type: 'thinking', thinking: part.text });
          } else {
            toolCalls.push({
              id: part.id,
              type: 'function',
              function: { name: part.name, arguments: JSON.stringify(part.input ?? {}) },
            });
          }
        }
        const wire: CohereMessage = { role: 'assistant' };
        if (content.length > 0) wire.content = content;
        if (toolCalls.length > 0) wire.tool_calls = toolCalls;
        out.push(wire);
        break;
      }
      case 'tool': {
        const content: CohereToolContent[] = [];
        for (const part of contentParts(message.content)) {
          if (part.type === 'image') throw unsupportedFeature(provider, 'images in tool results');
          content.push(toolDocument(part.text));
        }
        out.push({ role: 'tool', tool_call_id: message.toolCallId, content });
        break;
      }
    }
  }
  return out;
}
