import type { ModelInfo } from '../../core/types/chat-result.js';
import type { OllamaTagsResponse } from './ollama-api.js';

/** `GET /api/tags` -> the locally installed models, with their sizes on disk. */
export function convertOllamaModels(provider: string, body: unknown): ModelInfo[] {
  const models = (body as OllamaTagsResponse | undefined)?.models ?? [];
  return models.map((model) => {
    const info: ModelInfo = { id: model.name, provider };
    if (typeof model.size === 'number') info.sizeBytes = model.size;
    const modified = model.modified_at ? Date.parse(model.modified_at) : Number.NaN;
    if (!Number.isNaN(modified)) info.created = Math.floor(modified / 1000);
    const parameterSize = model.details?.parameter_size;
    const quantization = model.details?.quantization_level;
    if (typeof parameterSize === 'string' && typeof quantization === 'string') {
      info.displayName = `${model.name} (${parameterSize}, ${quantization})`;
    }
    return info;
  });
}
