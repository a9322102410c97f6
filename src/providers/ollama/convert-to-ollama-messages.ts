import { unsupportedFeature } from '../../core/errors/switchyard-error.js';
import type { ImagePart, Message } from '../../core/types/messages.js';
import { contentParts } from '../../core/types/messages.js';
import type { OllamaMessage, OllamaToolCall } from './ollama-api.js';

/**
 * Ollama takes images as bare base64 strings; a `data:` URL carries base64 too, so it is unwrapped.
 * The server does not fetch remote URLs, so an http(s) image is an error rather than a silent drop.
 */
function imageBase64(provider: string, part: ImagePart): string {
  if (part.data) return part.data;
  const match = part.url?.match(/^data:[^;,]+;base64,(.*)$/s);
  if (match) return match[1]!;
  throw unsupportedFeature(provider, 'image URLs', 'Ollama accepts images only as base64 data');
}

/** Tool arguments must be an object on the Ollama wire; anything else is wrapped so nothing is lost. */
function argumentsObject(input: unknown): Record<string, unknown> {
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    return input as Record<string, unknown>;
  }
  return input === undefined ? {} : { value: input };
}

/** Canonical messages -> Ollama `/api/chat` messages. */
export function convertToOllamaMessages(provider: string, messages: Message[]): OllamaMessage[] {
  // Ollama matches tool results by name; canonical tool messages may only carry the call id.
  const toolNames = new Map<string, string>();
  const out: OllamaMessage[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system': {
        const parts = contentParts(message.content);
        out.push({ role: 'system', content: parts.map((p) => p.text).join('') });
        break;
      }
      case 'user':
      case 'tool': {
        let content = '';
        const images: string[] = [];
        for (const part of contentParts(message.content)) {
          if (part.type === 'text') content += part.text;
          else images.push(imageBase64(provider, part));
        }
        const wire: OllamaMessage = { role: message.role, content };
        if (images.length > 0) wire.images = images;
        if (message.role === 'tool') {
          const name = message.toolName ?? toolNames.get(message.toolCallId);
          if (name) wire.tool_name = name;
          wire.tool_call_id = message.toolCallId;
        }
        out.push(wire);
        break;
      }
      case 'assistant': {
        let content = '';
        let thinking = '';
        const toolCalls: OllamaToolCall[] = [];
        for (const part of contentParts(message.content)) {
          if (part.type === 'text') content += part.text;
          else if (part.type === 'reasoning') thinking += part.text;
          else {
            toolNames.set(part.id, part.name);
            toolCalls.push({
              id: part.id,
              function: { name: part.name, arguments: argumentsObject(part.input) },
            });
          }
        }
        const wire: OllamaMessage = { role: 'assistant', content };
        if (thinking) wire.thinking = thinking;
        if (toolCalls.length > 0) wire.tool_calls = toolCalls;
        out.push(wire);
        break;
      }
    }
  }
  return out;
}
