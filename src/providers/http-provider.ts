import { type HeaderLookup, headerLookup } from '../core/errors/retry-hints.js';
import { isSwitchyardError, SwitchyardError, unsupportedFeature } from '../core/errors/switchyard-error.js';
import { transportError } from '../core/errors/transport-error.js';
import { AbortScope } from '../core/http/abort-scope.js';
import { type HttpCall, tryParseJson } from '../core/http/http-client.js';
import { type HttpStreamResponse, sendHttpStream } from '../core/http/send-http-stream.js';
import { sendHttpForText } from '../core/http/send-http-text.js';
import { BatchedEvents } from '../core/stream/batched-events.js';
import { ChatStream } from '../core/stream/chat-stream.js';
import type { ChatRequest, EmbedRequest } from '../core/types/chat-request.js';
import type { ChatResult, EmbedResult, HealthReport, ModelInfo } from '../core/types/chat-result.js';
import type { ProtocolId, Provider, ProviderFeatures } from '../core/types/provider.js';
import type { StreamEvent } from '../core/types/stream-events.js';
import type { ProtocolCodec, ProviderSettings } from './protocol-codec.js';
import { streamChunkDecoder } from './stream-chunk-decoder.js';

/**
 * The one HTTP runner behind every wire protocol: sends what the codec prepared, classifies errors,
 * reads streams with the right framing, and owns timeouts, aborts and connection release.
 */
export class HttpProvider implements Provider {
  readonly id: string;
  readonly protocol: ProtocolId;
  readonly features: ProviderFeatures;
  /** Every request listens to its signal and rejects when it aborts (send-http-text, send-http-stream). */
  readonly settlesOnAbort = true;
  /** Its signals go to `AbortScope` and the dispatch handlers, which read only `CallSignal`. */
  readonly acceptsCallSignals = true;
  readonly settings: ProviderSettings;
  readonly codec: ProtocolCodec;

  constructor(settings: ProviderSettings, codec: ProtocolCodec) {
    this.id = settings.id;
    this.settings = settings;
    this.codec = codec;
    this.protocol = codec.protocol;
    this.features = codec.features;
  }

  async chat(request: ChatRequest): Promise<ChatResult> {
    const started = performance.now();
    const { call, warnings } = this.codec.chatCall(request, false);
    const body = await this.#sendJson(call, request, request.model);
    const core = this.codec.chatResult(body.json, body.headers, request);
    // One literal in one key order rather than a spread of the codec's object: warm V8 gave every
    // spread result a layout of its own, which made building it, and every copy or addition
    // downstream (executor, pipeline), measurably slower.
    const result: ChatResult = {
      id: core.id,
      provider: this.id,
      model: core.model,
      text: core.text,
      toolCalls: core.toolCalls,
      reasoning: core.reasoning,
      finishReason: core.finishReason,
      rawFinishReason: core.rawFinishReason,
      usage: core.usage,
      latencyMs: Math.round(performance.now() - started),
      warnings: core.warnings?.length ? [...warnings, ...core.warnings] : warnings,
    };
    if (core.reasoningParts !== undefined) result.reasoningParts = core.reasoningParts;
    const requestId = core.requestId ?? body.requestId;
    if (requestId !== undefined) result.requestId = requestId;
    return result;
  }

  stream(request: ChatRequest): ChatStream {
    const started = performance.now();
    return new ChatStream(new BatchedEvents(this.#streamEvents(request)), {
      provider: this.id,
      model: request.model,
      startedAt: started,
    });
  }

  async embed(request: EmbedRequest): Promise<EmbedResult> {
    if (!this.codec.embedCall || !this.codec.embedResult) throw unsupportedFeature(this.id, 'embeddings');
    const started = performance.now();
    const { call, warnings } = this.codec.embedCall(request);
    const body = await this.#sendJson(call, request, request.model);
    const core = this.codec.embedResult(body.json, request);
    return {
      provider: this.id,
      model: core.model ?? request.model,
      embeddings: core.embeddings,
      usage: core.usage,
      latencyMs: Math.round(performance.now() - started),
      warnings,
    };
  }

  async listModels(options: { signal?: AbortSignal } = {}): Promise<ModelInfo[]> {
    const body = await this.#sendJson(this.codec.modelsCall(), { signal: options.signal });
    return this.codec.modelsResult(body.json);
  }

  /** A cheap authenticated call (the model list) proves the key and the endpoint. */
  async health(options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<HealthReport> {
    const started = performance.now();
    const checkedAt = new Date().toISOString();
    try {
      await this.#sendJson(this.codec.modelsCall(), {
        signal: options.signal,
        timeoutMs: options.timeoutMs ?? 10_000,
      });
      return {
        provider: this.id,
        status: 'healthy',
        latencyMs: Math.round(performance.now() - started),
        checkedAt,
      };
    } catch (error) {
      const e = isSwitchyardError(error) ? error : transportError(error, { provider: this.id });
      return {
        provider: this.id,
        status: 'down',
        latencyMs: Math.round(performance.now() - started),
        checkedAt,
        error: { kind: e.kind, message: e.message },
      };
    }
  }

  async #sendJson(
    call: HttpCall,
    options: { signal?: AbortSignal; timeoutMs?: number; headers?: Record<string, string> },
    model?: string,
  ): Promise<{ json: unknown; headers: HeaderLookup; requestId?: string }> {
    const timeoutMs = options.timeoutMs ?? this.settings.timeoutMs;
    const scope = new AbortScope(options.signal, timeoutMs);
    try {
      const response = await sendHttpForText(
        this.#withHeaders(call, options.headers),
        scope.signal,
        this.settings.dispatcher,
      );
      const headers = headerLookup(response.headers);
      if (response.status >= 400) throw this.#errorFromText(response.status, headers, response.text, model);
      const json = tryParseJson(response.text);
      if (json === undefined) {
        throw new SwitchyardError({
          kind: 'server_error',
          provider: this.id,
          model,
          status: response.status,
          message: `${this.id}: response body is not JSON`,
        });
      }
      return { json, headers, requestId: headers('x-request-id') ?? headers('request-id') };
    } catch (error) {
      throw transportError(error, { provider: this.id, model, firedBy: scope.firedBy, timeoutMs });
    } finally {
      scope.dispose();
    }
  }

  /** The stream's events, a batch per network chunk (what `BatchedEvents` hands out one by one). */
  async *#streamEvents(request: ChatRequest): AsyncGenerator<StreamEvent[]> {
    const timeoutMs = request.timeoutMs ?? this.settings.timeoutMs;
    let prepared: ReturnType<ProtocolCodec['chatCall']>;
    try {
      prepared = this.codec.chatCall(request, true);
    } catch (error) {
      yield [{ type: 'error', error: transportError(error, { provider: this.id, model: request.model }) }];
      return;
    }
    const scope = new AbortScope(request.signal, timeoutMs);
    let response: HttpStreamResponse | undefined;
    let cleanEnd = false;
    try {
      response = await sendHttpStream(
        this.#withHeaders(prepared.call, request.headers),
        scope.signal,
        this.settings.dispatcher,
      );
      const headers = headerLookup(response.headers);
      if (response.status >= 400) {
        yield [{ type: 'error', error: await this.#errorFrom(response, headers, request.model) }];
        cleanEnd = true;
        return;
      }
      const decoder = this.codec.streamDecoder(request);
      const pending: StreamEvent[] = [];
      const emit = (event: StreamEvent) => {
        pending.push(event);
      };
      /** The events decoded so far, the request's warnings put on its start. */
      const taken = (): StreamEvent[] => {
        for (const event of pending) {
          if (event.type === 'start') event.warnings.unshift(...prepared.warnings);
        }
        return pending.splice(0);
      };
      const chunks = streamChunkDecoder(
        this.codec.streamFraming,
        request.tapRawBytes === true,
        decoder,
        emit,
        pending,
      );
      for await (const chunk of response.body) {
        chunks.push(chunk);
        // Fully decoded: a consumer that stops at the last event (the finish) has not abandoned
        // the stream, and its tail goes back to the pool rather than destroying the socket.
        if (decoder.done) cleanEnd = true;
        if (pending.length > 0) yield taken();
        if (decoder.done) break;
      }
      chunks.end();
      cleanEnd = true;
      if (pending.length > 0) yield taken();
    } catch (error) {
      yield [
        {
          type: 'error',
          error: transportError(error, {
            provider: this.id,
            model: request.model,
            firedBy: scope.firedBy,
            timeoutMs,
          }),
        },
      ];
      cleanEnd = true;
    } finally {
      scope.dispose();
      if (response) {
        // A finished stream drains its tail so the socket goes back to the pool; an abandoned one
        // (caller broke out, or aborted) is destroyed at once.
        if (cleanEnd && !scope.signal?.aborted) response.body.dump(64 * 1024);
        else response.body.destroy();
      }
    }
  }

  #withHeaders(call: HttpCall, extra?: Record<string, string>): HttpCall {
    if (!extra) return call;
    return { ...call, headers: { ...call.headers, ...extra } };
  }

  async #errorFrom(
    response: HttpStreamResponse,
    headers: HeaderLookup,
    model?: string,
  ): Promise<SwitchyardError> {
    return this.#errorFromText(response.status, headers, await response.body.text(), model);
  }

  #errorFromText(status: number, headers: HeaderLookup, bodyText: string, model?: string): SwitchyardError {
    return this.codec.error({ status, headers, bodyText, body: tryParseJson(bodyText), model });
  }
}
