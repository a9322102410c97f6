import type { HeaderLookup } from '../../core/errors/retry-hints.js';
import { unsupportedFeature } from '../../core/errors/switchyard-error.js';
import type { HttpCall } from '../../core/http/http-client.js';
import type { ChatRequest, EmbedRequest } from '../../core/types/chat-request.js';
import type { ModelInfo } from '../../core/types/chat-result.js';
import type { ProviderFeatures } from '../../core/types/provider.js';
import type {
  ChatResultCore,
  EmbedResultCore,
  ErrorResponse,
  PreparedCall,
  ProtocolCodec,
  StreamDecoder,
} from '../protocol-codec.js';
import { buildOpenAIChatBody } from './build-openai-chat-body.js';
import { convertOpenAIChatResponse } from './convert-openai-chat-response.js';
import { convertOpenAIModels } from './convert-openai-models.js';
import { buildOpenAIEmbeddingBody, convertOpenAIEmbeddingResponse } from './openai-embeddings.js';
import type { OpenAIEndpoints } from './openai-endpoints.js';
import { openAIHttpError } from './openai-error.js';
import type { OpenAICompatibleQuirks } from './openai-quirks.js';
import { OpenAIStreamDecoder } from './openai-stream-decoder.js';

export interface OpenAICompatibleCodecOptions {
  provider: string;
  endpoints: OpenAIEndpoints;
  apiKey?: string;
  /** Sent on every call (attribution, organization); per-call headers are added by the runner. */
  headers?: Record<string, string>;
  features: ProviderFeatures;
  quirks: OpenAICompatibleQuirks;
}

/** The OpenAI chat completions protocol as pure functions, for OpenAI and every compatible server. */
export class OpenAICompatibleCodec implements ProtocolCodec {
  readonly protocol = 'openai' as const;
  readonly streamFraming = 'sse' as const;
  readonly features: ProviderFeatures;
  readonly #options: OpenAICompatibleCodecOptions;

  constructor(options: OpenAICompatibleCodecOptions) {
    this.#options = options;
    this.features = options.features;
  }

  #headers(): Record<string, string> {
    const { apiKey, quirks, headers } = this.#options;
    const auth: Record<string, string> = {};
    if (apiKey) {
      if (quirks.auth === 'api-key') auth['api-key'] = apiKey;
      else auth.authorization = `Bearer ${apiKey}`;
    }
    return { accept: 'application/json', ...headers, ...auth };
  }

  chatCall(request: ChatRequest, stream: boolean): PreparedCall {
    const { provider, features, quirks, endpoints } = this.#options;
    if (stream && !features.streaming) throw unsupportedFeature(provider, 'streaming');
    const { body, warnings } = buildOpenAIChatBody(request, stream, {
      provider,
      features,
      quirks,
      modelInUrl: endpoints.modelInUrl,
    });
    const headers = this.#headers();
    if (stream) headers.accept = 'text/event-stream';
    return { call: { method: 'POST', url: endpoints.chatUrl(request.model), headers, body }, warnings };
  }

  chatResult(body: unknown, headers: HeaderLookup): ChatResultCore {
    const requestId = headers('x-request-id') ?? headers('request-id') ?? headers('apim-request-id');
    const model = (body as { model?: string })?.model ?? '';
    return convertOpenAIChatResponse(body, { provider: this.#options.provider, model, requestId });
  }

  streamDecoder(request: ChatRequest): StreamDecoder {
    return new OpenAIStreamDecoder({
      provider: this.#options.provider,
      model: request.model,
      secrets: [this.#options.apiKey],
    });
  }

  embedCall(request: EmbedRequest): PreparedCall {
    const { provider, features, endpoints } = this.#options;
    if (!features.embeddings) throw unsupportedFeature(provider, 'embeddings');
    const { body, warnings } = buildOpenAIEmbeddingBody(request, {
      provider,
      modelInUrl: endpoints.modelInUrl,
    });
    return {
      call: { method: 'POST', url: endpoints.embeddingsUrl(request.model), headers: this.#headers(), body },
      warnings,
    };
  }

  embedResult(body: unknown): EmbedResultCore {
    return convertOpenAIEmbeddingResponse(body, this.#options.provider);
  }

  modelsCall(): HttpCall {
    return { method: 'GET', url: this.#options.endpoints.modelsUrl(), headers: this.#headers() };
  }

  modelsResult(body: unknown): ModelInfo[] {
    return convertOpenAIModels(body, this.#options.provider);
  }

  error(response: ErrorResponse) {
    return openAIHttpError(response, { provider: this.#options.provider, secrets: [this.#options.apiKey] });
  }
}
