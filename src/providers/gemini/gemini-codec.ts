import type { ProviderFeatures } from '../../core/types/provider.js';
import type { ProtocolCodec, ProviderSettings } from '../protocol-codec.js';
import { buildGeminiRequest } from './build-gemini-request.js';
import { geminiChatResult } from './gemini-chat-result.js';
import { geminiEmbedCall, geminiEmbedResult } from './gemini-embeddings.js';
import { geminiError } from './gemini-error.js';
import { GEMINI_MODELS_PAGE_SIZE, geminiModelsResult } from './gemini-models.js';
import { GeminiStreamDecoder } from './gemini-stream-decoder.js';
import { geminiApiRoot, geminiHeaders, geminiMethodUrl } from './gemini-urls.js';

export const GEMINI_FEATURES: ProviderFeatures = {
  streaming: true,
  tools: true,
  structuredOutput: true,
  jsonMode: true,
  vision: true,
  embeddings: true,
  reasoning: true,
};

/** The Gemini API (generativelanguage v1beta) as pure functions; HttpProvider does the I/O. */
export function createGeminiCodec(settings: ProviderSettings): ProtocolCodec {
  const { id: providerId, baseUrl, apiKey } = settings;
  const headers = () => geminiHeaders(apiKey, settings.headers);
  return {
    protocol: 'gemini',
    features: GEMINI_FEATURES,
    streamFraming: 'sse',

    chatCall(request, stream) {
      const { body, warnings } = buildGeminiRequest(request, providerId);
      const method = stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
      return {
        call: {
          method: 'POST',
          url: geminiMethodUrl(baseUrl, request.model, method),
          headers: headers(),
          body,
        },
        warnings,
      };
    },

    chatResult: (body, responseHeaders, request) =>
      geminiChatResult(body, responseHeaders, request?.model ?? ''),

    streamDecoder: (request) =>
      new GeminiStreamDecoder({ provider: providerId, model: request.model, apiKey }),

    embedCall: (request) =>
      geminiEmbedCall(request, { providerId, baseUrl, apiKey, headers: settings.headers }),

    embedResult: (body, request) => geminiEmbedResult(body, request, providerId),

    modelsCall: () => ({
      method: 'GET',
      url: `${geminiApiRoot(baseUrl)}/models?pageSize=${GEMINI_MODELS_PAGE_SIZE}`,
      headers: headers(),
    }),

    modelsResult: (body) => geminiModelsResult(body, providerId),

    error: (response) => geminiError(response, { provider: providerId, apiKey }),
  };
}
