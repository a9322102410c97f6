import { unsupportedFeature } from '../../core/errors/switchyard-error.js';
import type { ImagePart, Message, TextPart } from '../../core/types/messages.js';
import type { ProviderFeatures } from '../../core/types/provider.js';
import type { OpenAIWireContentPart, OpenAIWireMessage, OpenAIWireToolCall } from './openai-wire-types.js';

export interface MessageConversionOptions {
  provider: string;
  features: Pick<ProviderFeatures, 'vision'>;
  /** DeepSeek thinking mode: send earlier reasoning back as `reasoning_content`. */
  reasoningInHistory?: boolean;
}

/** An image as the `image_url.url` OpenAI takes: the URL itself, or a `data:` URL built from base64. */
export function imageUrlOf(part: ImagePart, provider: string): string {
  if (part.url) return part.url;
  if (part.data && part.mediaType) return `data:${part.mediaType};base64,${part.data}`;
  throw unsupportedFeature(provider, 'image without url or data + mediaType');
}

function textOnly(content: string | TextPart[]): string {
  return typeof content === 'string' ? content : content.map((part) => part.text).join('');
}

function userContent(
  content: string | Array<TextPart | ImagePart>,
  options: MessageConversionOptions,
): string | OpenAIWireContentPart[] {
  if (typeof content === 'string') return content;
  // A text-only message stays a plain string: every compatible server accepts that form.
  if (content.every((part) => part.type === 'text')) return textOnly(content as TextPart[]);
  if (!options.features.vision) throw unsupportedFeature(options.provider, 'vision');
  return content.map((part): OpenAIWireContentPart => {
    if (part.type === 'text') return { type: 'text', text: part.text };
    const imageUrl: { url: string; detail?: 'auto' | 'low' | 'high' } = {
      url: imageUrlOf(part, options.provider),
    };
    if (part.detail) imageUrl.detail = part.detail;
    return { type: 'image_url', image_url: imageUrl };
  });
}

/** Canonical messages -> `messages` of a chat completions request. */
export function convertToOpenAIMessages(
  messages: Message[],
  options: MessageConversionOptions,
): OpenAIWireMessage[] {
  return messages.map((message) => convertMessage(message, options));
}

function convertMessage(message: Message, options: MessageConversionOptions): OpenAIWireMessage {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: textOnly(message.content) };
    case 'user': {
      const wire: OpenAIWireMessage = { role: 'user', content: userContent(message.content, options) };
      if (message.name) wire.name = message.name;
      return wire;
    }
    case 'assistant': {
      const parts =
        typeof message.content === 'string'
          ? [{ type: 'text' as const, text: message.content }]
          : message.content;
      let text = '';
      let reasoning = '';
      const toolCalls: OpenAIWireToolCall[] = [];
      for (const part of parts) {
        if (part.type === 'text') text += part.text;
        else if (part.type === 'reasoning') reasoning += part.text;
        else
          toolCalls.push({
            id: part.id,
            type: 'function',
            // Arguments travel as JSON text, never as an object.
            function: { name: part.name, arguments: JSON.stringify(part.input ?? {}) },
          });
      }
      const wire: Extract<OpenAIWireMessage, { role: 'assistant' }> = {
        role: 'assistant',
        // OpenAI wants null, not "", beside tool calls.
        content: text === '' && toolCalls.length > 0 ? null : text,
      };
      if (toolCalls.length > 0) wire.tool_calls = toolCalls;
      if (options.reasoningInHistory && reasoning) wire.reasoning_content = reasoning;
      return wire;
    }
    case 'tool': {
      const content = message.content;
      if (typeof content !== 'string' && content.some((part) => part.type === 'image')) {
        throw unsupportedFeature(options.provider, 'images in tool results');
      }
      return {
        role: 'tool',
        tool_call_id: message.toolCallId,
        content: typeof content === 'string' ? content : textOnly(content as TextPart[]),
      };
    }
  }
}
