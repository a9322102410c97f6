import type { IncomingHttpHeaders } from 'node:http';
import type { RequestMetadata } from '../core/types/chat-request.js';
import { invalidRequest } from './errors/gateway-http-error.js';

/**
 * Per-request options that clients cannot put in an OpenAI or Anthropic body, carried in headers:
 * `x-switchyard-tags: a,b`, `x-switchyard-metadata: {"team":"search"}` (a JSON object) and
 * `x-switchyard-trace-id`. They land in the canonical request's metadata, for the ledger and logs.
 */
export function metadataFromHeaders(headers: IncomingHttpHeaders): RequestMetadata | undefined {
  const metadata: RequestMetadata = {};
  const raw = headers['x-switchyard-metadata'];
  if (typeof raw === 'string' && raw.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw invalidRequest(
        'The x-switchyard-metadata header must be a JSON object.',
        'x-switchyard-metadata',
      );
    }
    Object.assign(metadata, parsed);
  }
  const tags = headers['x-switchyard-tags'];
  if (typeof tags === 'string') {
    const list = tags
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean);
    if (list.length > 0) metadata.tags = list;
  }
  const traceId = headers['x-switchyard-trace-id'];
  if (typeof traceId === 'string' && traceId !== '') metadata.traceId = traceId;
  return Object.keys(metadata).length > 0 ? metadata : undefined;
}

/** Header metadata joins what the body said (`user`), the body winning on a clash. */
export function withHeaderMetadata(
  headers: IncomingHttpHeaders,
  fromBody: RequestMetadata | undefined,
): RequestMetadata | undefined {
  const fromHeaders = metadataFromHeaders(headers);
  if (!fromHeaders) return fromBody;
  return { ...fromHeaders, ...fromBody };
}
