import type { ModelInfo } from '../../core/types/chat-result.js';
import type { OpenAIWireModel } from './openai-wire-types.js';

/** `GET /models` -> model infos. Accepts `{data:[...]}` and a bare array (some local servers). */
export function convertOpenAIModels(body: unknown, provider: string): ModelInfo[] {
  const list = Array.isArray(body) ? body : (body as { data?: unknown })?.data;
  if (!Array.isArray(list)) return [];
  return (list as OpenAIWireModel[])
    .filter((model) => typeof model?.id === 'string')
    .map((model) => {
      const info: ModelInfo = { id: model.id, provider };
      if (model.owned_by) info.ownedBy = model.owned_by;
      if (typeof model.created === 'number') info.created = model.created;
      if (typeof model.context_length === 'number') info.contextWindow = model.context_length;
      if (model.name) info.displayName = model.name;
      return info;
    });
}
