import type { ModelInfo } from '../../core/types/chat-result.js';
import type { GeminiModel } from './gemini-api-types.js';

/** The largest page the API serves, so one call lists every public model. */
export const GEMINI_MODELS_PAGE_SIZE = 1000;

/** `GET /v1beta/models` -> ModelInfo, ids without the `models/` prefix (as users type them). */
export function geminiModelsResult(body: unknown, providerId: string): ModelInfo[] {
  const models = ((body ?? {}) as { models?: GeminiModel[] }).models ?? [];
  return models.map((model) => {
    const info: ModelInfo = {
      id: model.name.replace(/^models\//, ''),
      provider: providerId,
      ownedBy: 'google',
    };
    if (model.inputTokenLimit !== undefined) info.contextWindow = model.inputTokenLimit;
    if (model.displayName) info.displayName = model.displayName;
    return info;
  });
}
