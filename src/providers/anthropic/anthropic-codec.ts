import type { HttpCall } from '../../core/http/http-client.js';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { ModelInfo } from '../../core/types/chat-result.js';
import type { ProviderFeatures } from '../../core/types/provider.js';
import type { ProtocolCodec } from '../protocol-codec.js';
import { ANTHROPIC_VERSION, type AnthropicModelList } from './anthropic-api-types.js';
import { anthropicHttpError } from './anthropic-error.js';
import { AnthropicStreamDecoder } from './anthropic-stream-decoder.js';
import { buildAnthropicRequest } from './build-anthropic-request.js';
import { convertAnthropicResponse } from './convert-anthropic-response.js';

export const ANTHROPIC_FEATURES: ProviderFeatures = {
  streaming: true,
  tools: true,
  // Both through workarounds: a forced answer tool, and an instruction in the system prompt.
  structuredOutput: true,
  jsonMode: true,
  vision: true,
  embeddings: false,
  reasoning: true,
};

export interface AnthropicCodecSettings {
  providerId: string;
  /** Origin without `/v1`, as `ANTHROPIC_BASE_URL` is for the official SDK. */
  baseUrl: string;
  apiKey?: string;
  /** Sent on every call (attribution, `anthropic-beta`); the version and key headers win. */
  headers?: Record<string, string>;
}

/**
 * The Messages protocol as pure functions. Anthropic has no embeddings endpoint, so the codec has
 * no `embedCall` and the runner answers `unsupported`.
 */
export function createAnthropicCodec(settings: AnthropicCodecSettings): ProtocolCodec {
  const base = settings.baseUrl.replace(/\/+$/, '');
  const secrets = [settings.apiKey];
  const headers = (): Record<string, string> => {
    const out: Record<string, string> = { ...settings.headers, 'anthropic-version': ANTHROPIC_VERSION };
    if (settings.apiKey) out['x-api-key'] = settings.apiKey;
    return out;
  };

  return {
    protocol: 'anthropic',
    features: ANTHROPIC_FEATURES,
    streamFraming: 'sse',

    chatCall(request: ChatRequest, stream: boolean) {
      const { body, warnings } = buildAnthropicRequest(settings.providerId, request, stream);
      const call: HttpCall = { method: 'POST', url: `${base}/v1/messages`, headers: headers(), body };
      if (stream) call.headers.accept = 'text/event-stream';
      return { call, warnings };
    },

    chatResult(body, responseHeaders, request) {
      return convertAnthropicResponse(settings.providerId, body, responseHeaders, request);
    },

    streamDecoder(request) {
      return new AnthropicStreamDecoder(settings.providerId, request, secrets);
    },

    // 1000 is the API's page maximum, so one call lists every model an account can use.
    modelsCall() {
      return { method: 'GET', url: `${base}/v1/models?limit=1000`, headers: headers() };
    },

    modelsResult(body): ModelInfo[] {
      const data = (body as Partial<AnthropicModelList> | undefined)?.data;
      if (!Array.isArray(data)) return [];
      return data.map((model) => {
        const info: ModelInfo = { id: model.id, provider: settings.providerId, ownedBy: 'anthropic' };
        if (model.display_name) info.displayName = model.display_name;
        const created = Date.parse(model.created_at);
        if (!Number.isNaN(created)) info.created = Math.floor(created / 1000);
        return info;
      });
    },

    error(response) {
      return anthropicHttpError(settings.providerId, response, secrets);
    },
  };
}
