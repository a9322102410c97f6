import type { Usage } from '../../core/types/chat-result.js';
import { convertToOpenAIUsage } from '../openai/convert-to-openai-usage.js';
import type { RequestContext } from '../request-context.js';
import { type Frame, type StreamPassthrough, tappedFrom } from './stream-passthrough.js';
import { isUsageOnlyMessage, stripOpenAIUsage, withoutTrailingUsageChunk } from './strip-openai-usage.js';

const NONE: Frame[] = [];
const text = new TextDecoder();

/**
 * OpenAI to OpenAI-compatible. The gateway always asks the upstream for usage (accounting), so
 * what the client sees depends on what it asked: without `include_usage` the bytes carrying usage
 * are stripped of it (one chunk, once per stream); with it, an upstream that sent none (a server
 * that refuses `stream_options`) gets the usage chunk the client was promised before `[DONE]`.
 */
export function openAIPassthrough(
  ctx: RequestContext,
  options: { includeUsage: boolean; created: number },
): StreamPassthrough {
  let sawUsage = false;
  let id = '';
  let model = '';
  return {
    accepts(held) {
      const start = held.find((event) => event.type === 'start');
      if (start?.type === 'start') {
        id = start.id;
        model = start.model;
      }
      return tappedFrom(ctx, held, 'openai');
    },
    frames(event) {
      const raw = event.raw;
      if (event.type === 'usage') {
        sawUsage = true;
        if (raw && !options.includeUsage) {
          const message = text.decode(raw);
          // The decoder read this usage from these bytes: they are JSON, as the check requires.
          if (isUsageOnlyMessage(message)) return NONE;
          return [withoutTrailingUsageChunk(message) ?? stripOpenAIUsage(message)];
        }
      }
      if (event.type === 'finish' && options.includeUsage && !sawUsage) {
        return [
          withUsageChunk(raw ? text.decode(raw) : '', usageChunk(id, model, options.created, event.usage)),
        ];
      }
      return raw ? [raw] : NONE;
    },
  };
}

function usageChunk(id: string, model: string, created: number, usage: Usage): string {
  const chunk = {
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [],
    usage: convertToOpenAIUsage(usage),
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** Puts the usage chunk just before `[DONE]`, where OpenAI sends it. */
function withUsageChunk(text: string, chunk: string): string {
  const done = text.lastIndexOf('data: [DONE]');
  return done === -1 ? text + chunk : text.slice(0, done) + chunk + text.slice(done);
}
