import type { HttpCall } from '../../core/http/http-client.js';
import type { ProviderFeatures } from '../../core/types/provider.js';
import type { ProtocolCodec, ProviderSettings } from '../protocol-codec.js';
import { buildCohereChatBody } from './build-cohere-chat-body.js';
import { convertCohereChatResult } from './cohere-chat-result.js';
import { buildCohereEmbedBody, convertCohereEmbedResult } from './cohere-embed.js';
import { cohereError } from './cohere-error.js';
import { convertCohereModels } from './cohere-models.js';
import { CohereStreamDecoder } from './cohere-stream-decoder.js';

export const COHERE_FEATURES: ProviderFeatures = {
  streaming: true,
  tools: true,
  structuredOutput: true,
  jsonMode: true,
  vision: true,
  embeddings: true,
  reasoning: true,
};

/** The Cohere v2 protocol (`/v2/chat` with SSE streams, `/v2/embed`, `/v1/models`), Bearer auth. */
export function createCohereCodec(settings: ProviderSettings): ProtocolCodec {
  const provider = settings.id;
  const base = settings.baseUrl.replace(/\/+$/, '');
  const headers = (accept: string): Record<string, string> => ({
    accept,
    ...settings.headers,
    ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
  });
  const post = (path: string, body: unknown, accept = 'application/json'): HttpCall => ({
    method: 'POST',
    url: `${base}${path}`,
    headers: headers(accept),
    body,
  });

  return {
    protocol: 'cohere',
    features: COHERE_FEATURES,
    streamFraming: 'sse',
    chatCall(request, stream) {
      const { body, warnings } = buildCohereChatBody(provider, request, stream);
      return { call: post('/v2/chat', body, stream ? 'text/event-stream' : 'application/json'), warnings };
    },
    chatResult: (body, _headers, request) => convertCohereChatResult(provider, body, request?.model),
    streamDecoder: (request) => new CohereStreamDecoder(provider, request.model),
    embedCall: (request) => ({
      call: post('/v2/embed', buildCohereEmbedBody(provider, request)),
      warnings: [],
    }),
    embedResult: (body) => convertCohereEmbedResult(provider, body),
    // One page of up to 1000 covers Cohere's whole catalogue plus a team's fine-tunes.
    modelsCall: () => ({
      method: 'GET',
      url: `${base}/v1/models?page_size=1000`,
      headers: headers('application/json'),
    }),
    modelsResult: (body) => convertCohereModels(provider, body),
    error: (response) => cohereError(provider, response, settings.apiKey),
  };
}
