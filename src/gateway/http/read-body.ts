import type { IncomingMessage } from 'node:http';
import { GatewayHttpError, invalidRequest } from '../errors/gateway-http-error.js';

function tooLarge(limit: number): GatewayHttpError {
  return new GatewayHttpError({
    kind: 'invalid_request',
    status: 413,
    code: 'request_too_large',
    message: `Request body is larger than the gateway's limit of ${limit} bytes.`,
  });
}

/**
 * Reads the body up to `limit` bytes. Past the limit nothing more is kept, but the rest is read and
 * dropped before the 413 goes out: HTTP clients that are still uploading often miss a response sent
 * mid-upload and report a reset instead. The server's request timeout bounds how long that takes.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number(req.headers['content-length']) > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => {
      if (over) reject(tooLarge(limit));
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.on('error', reject);
    // A client gone before the end of its body: nothing to wait for (the answer has nowhere to go).
    req.on('close', () => {
      if (!req.complete) reject(new Error('client closed the connection before sending the whole body'));
    });
  });
}

/** Parses JSON, answering malformed input with a 400 that says where it broke. */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) throw invalidRequest('The request body is empty; send a JSON object.');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw invalidRequest(`The request body is not valid JSON: ${detail}`, undefined, 'invalid_json');
  }
}
