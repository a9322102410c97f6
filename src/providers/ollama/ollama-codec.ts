import type { HttpCall } from '../../core/http/http-client.js';
import type { ProviderFeatures } from '../../core/types/provider.js';
import type { ProtocolCodec, ProviderSettings } from '../protocol-codec.js';
import { buildOllamaChatBody } from './build-ollama-chat-body.js';
import { convertOllamaChatResult } from './ollama-chat-result.js';
import { buildOllamaEmbedBody, convertOllamaEmbedResult } from './ollama-embed.js';
import { ollamaError } from './ollama-error.js';
import { convertOllamaModels } from './ollama-models.js';
import { OllamaStreamDecoder } from './ollama-stream-decoder.js';

export const OLLAMA_FEATURES: ProviderFeatures = {
  streaming: true,
  tools: true,
  structuredOutput: true,
  jsonMode: true,
  vision: true,
  embeddings: true,
  reasoning: true,
};

/**
 * The Ollama native protocol (`/api/*`, NDJSON streams). A local server needs no key; a key, when
 * given (Ollama cloud, or a proxy in front of a server), goes in a Bearer header.
 */
export function createOllamaCodec(settings: ProviderSettings): ProtocolCodec {
  const provider = settings.id;
  const base = settings.baseUrl.replace(/\/+$/, '');
  const headers = (): Record<string, string> => ({
    accept: 'application/json',
    ...settings.headers,
    ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
  });
  const post = (path: string, body: unknown): HttpCall => ({
    method: 'POST',
    url: `${base}${path}`,
    headers: headers(),
    body,
  });

  return {
    protocol: 'ollama',
    features: OLLAMA_FEATURES,
    streamFraming: 'ndjson',
    chatCall(request, stream) {
      const { body, warnings } = buildOllamaChatBody(provider, request, stream);
      const call = post('/api/chat', body);
      if (stream) call.headers.accept = 'application/x-ndjson';
      return { call, warnings };
    },
    chatResult: (body, _headers, request) => convertOllamaChatResult(provider, body, request?.model),
    streamDecoder: (request) => new OllamaStreamDecoder(provider, request.model, settings.apiKey),
    embedCall(request) {
      const { body, warnings } = buildOllamaEmbedBody(provider, request);
      return { call: post('/api/embed', body), warnings };
    },
    embedResult: (body) => convertOllamaEmbedResult(provider, body),
    modelsCall: () => ({ method: 'GET', url: `${base}/api/tags`, headers: headers() }),
    modelsResult: (body) => convertOllamaModels(provider, body),
    error: (response) => ollamaError(provider, response, settings.apiKey),
  };
}
