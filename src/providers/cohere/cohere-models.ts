import type { ModelInfo } from '../../core/types/chat-result.js';
import type { CohereModelsResponse } from './cohere-api.js';

/** `GET /v1/models` -> models with their context windows. */
export function convertCohereModels(provider: string, body: unknown): ModelInfo[] {
  const models = (body as CohereModelsResponse | undefined)?.models ?? [];
  return models.map((model) => {
    const info: ModelInfo = { id: model.name, provider, ownedBy: 'cohere' };
    if (typeof model.context_length === 'number') info.contextWindow = model.context_length;
    return info;
  });
}
