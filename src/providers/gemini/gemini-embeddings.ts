import { SwitchyardError, unsupportedFeature } from '../../core/errors/switchyard-error.js';
import type { EmbedRequest } from '../../core/types/chat-request.js';
import type { PreparedCall } from '../protocol-codec.js';
import { geminiHeaders, geminiMethodUrl, geminiModelResource } from './gemini-urls.js';

const TASK_TYPES: Record<NonNullable<EmbedRequest['inputType']>, string> = {
  query: 'RETRIEVAL_QUERY',
  document: 'RETRIEVAL_DOCUMENT',
  classification: 'CLASSIFICATION',
  clustering: 'CLUSTERING',
};

/** The API refuses larger batches ("at most 100 requests can be in one batch"). */
export const GEMINI_MAX_BATCH = 100;

interface Connection {
  providerId: string;
  baseUrl: string;
  apiKey?: string;
  headers?: Record<string, string>;
}

/**
 * One text -> `:embedContent`; a list -> `:batchEmbedContents` with one request per input, each
 * naming the model (the API wants it repeated inside the batch).
 */
export function geminiEmbedCall(request: EmbedRequest, connection: Connection): PreparedCall {
  const options = {
    ...(request.inputType ? { taskType: TASK_TYPES[request.inputType] } : {}),
    ...(request.dimensions !== undefined ? { outputDimensionality: request.dimensions } : {}),
  };
  const extra = {
    ...request.providerOptions?.gemini,
    ...(connection.providerId === 'gemini' ? {} : request.providerOptions?.[connection.providerId]),
  };
  const headers = geminiHeaders(connection.apiKey, connection.headers);
  if (typeof request.input === 'string') {
    return {
      call: {
        method: 'POST',
        url: geminiMethodUrl(connection.baseUrl, request.model, 'embedContent'),
        headers,
        body: { content: { parts: [{ text: request.input }] }, ...options, ...extra },
      },
      warnings: [],
    };
  }
  if (request.input.length > GEMINI_MAX_BATCH) {
    throw unsupportedFeature(
      connection.providerId,
      `more than ${GEMINI_MAX_BATCH} embedding inputs in one call`,
      `got ${request.input.length}; split the batch`,
    );
  }
  const model = geminiModelResource(request.model);
  return {
    call: {
      method: 'POST',
      url: geminiMethodUrl(connection.baseUrl, request.model, 'batchEmbedContents'),
      headers,
      body: {
        requests: request.input.map((text) => ({
          model,
          content: { parts: [{ text }] },
          ...options,
          ...extra,
        })),
      },
    },
    warnings: [],
  };
}

/** `{embedding:{values}}` or `{embeddings:[{values}]}`; newer responses add usageMetadata. */
export function geminiEmbedResult(
  body: unknown,
  request: EmbedRequest,
  providerId: string,
): { embeddings: number[][]; usage: { inputTokens: number } } {
  const response = (body ?? {}) as {
    embedding?: { values?: number[] };
    embeddings?: Array<{ values?: number[] }>;
    usageMetadata?: { promptTokenCount?: number };
  };
  const list = response.embeddings ?? (response.embedding ? [response.embedding] : []);
  const expected = typeof request.input === 'string' ? 1 : request.input.length;
  const embeddings = list.map((item) => item.values ?? []);
  if (embeddings.length !== expected || embeddings.some((values) => values.length === 0)) {
    throw new SwitchyardError({
      kind: 'server_error',
      provider: providerId,
      model: request.model,
      message: `${providerId}: expected ${expected} embeddings, got ${embeddings.length}`,
    });
  }
  return { embeddings, usage: { inputTokens: response.usageMetadata?.promptTokenCount ?? 0 } };
}
