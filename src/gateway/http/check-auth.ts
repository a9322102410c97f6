import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { GatewayHttpError } from '../errors/gateway-http-error.js';
import type { Caller } from '../keys/caller.js';
import type { KeyStore } from '../keys/key-store.js';
import { verifyVirtualKey } from '../keys/verify-virtual-key.js';

/** The key a client presented: `Authorization: Bearer <key>` (OpenAI SDKs) or `x-api-key` (Anthropic's). */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') return apiKey;
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (match) return match[1]!.trim();
  }
  return undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

const REFUSALS: Record<'unknown' | 'expired' | 'revoked', [code: string, message: string]> = {
  unknown: ['invalid_api_key', 'Invalid API key.'],
  expired: ['expired_api_key', 'This API key has expired.'],
  revoked: ['revoked_api_key', 'This API key has been revoked.'],
};

/**
 * The gateway's auth: without a master key everyone passes (the gateway then only listens on
 * loopback); with one, a request needs the master key or a live virtual key from `keys`. Missing,
 * wrong, expired and revoked keys are 401, each with its own code. The master key is compared
 * through digests so the comparison takes the same time whatever the key's length or content: a
 * timing side channel must not reveal how much of a guess was right.
 */
export function createAuthenticator(options: {
  masterKey?: string;
  keys?: KeyStore;
  now?: () => number;
}): (headers: IncomingHttpHeaders) => Caller | Promise<Caller> {
  const { masterKey, keys } = options;
  if (!masterKey) return () => OPEN;
  const expected = digest(masterKey);
  const now = options.now ?? Date.now;
  return (headers) => {
    const key = presentedKey(headers);
    if (key === undefined) throw missingKey();
    if (timingSafeEqual(digest(key), expected)) return MASTER;
    if (!keys) throw refusedKey(...REFUSALS.unknown);
    return verifyVirtualKey(keys, key, now()).then((verdict) => {
      if (verdict.ok) return { kind: 'virtual', key: verdict.key };
      throw refusedKey(...REFUSALS[verdict.reason]);
    });
  };
}

const OPEN: Caller = { kind: 'open' };
const MASTER: Caller = { kind: 'master' };

function missingKey(): GatewayHttpError {
  return new GatewayHttpError({
    kind: 'authentication',
    status: 401,
    code: 'missing_api_key',
    message: 'Missing API key: send it as `Authorization: Bearer <key>` or `x-api-key: <key>`.',
  });
}

function refusedKey(code: string, message: string): GatewayHttpError {
  return new GatewayHttpError({ kind: 'authentication', status: 401, code, message });
}
