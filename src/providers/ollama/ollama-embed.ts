import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { EmbedRequest } from '../../core/types/chat-request.js';
import type { Warning } from '../../core/types/chat-result.js';
import type { EmbedResultCore } from '../protocol-codec.js';
import type { OllamaEmbedResponse } from './ollama-api.js';

/** Canonical embed request -> `/api/embed` body. `truncate`, `keep_alive`, `options` come via providerOptions. */
export function buildOllamaEmbedBody(
  providerId: string,
  request: EmbedRequest,
): { body: Record<string, unknown>; warnings: Warning[] } {
  const warnings: Warning[] = [];
  if (request.inputType !== undefined) {
    // Models that want task prefixes (nomic-embed-text: `search_query: `) take them in the text.
    warnings.push({
      type: 'unsupported-setting',
      setting: 'inputType',
      message: 'Ollama embeddings have no input type; add the model’s task prefix to the text instead',
    });
  }
  const body: Record<string, unknown> = {
    ...request.providerOptions?.ollama,
    ...(providerId === 'ollama' ? {} : request.providerOptions?.[providerId]),
    model: request.model,
    input: request.input,
  };
  if (request.dimensions !== undefined) body.dimensions = request.dimensions;
  return { body, warnings };
}

export function convertOllamaEmbedResult(provider: string, body: unknown): EmbedResultCore {
  const reply = body as OllamaEmbedResponse;
  if (!Array.isArray(reply?.embeddings)) {
    throw new SwitchyardError({
      kind: 'server_error',
      provider,
      message: `${provider}: embed reply has no embeddings`,
    });
  }
  const result: EmbedResultCore = {
    embeddings: reply.embeddings,
    usage: { inputTokens: reply.prompt_eval_count ?? 0 },
  };
  if (reply.model) result.model = reply.model;
  return result;
}
