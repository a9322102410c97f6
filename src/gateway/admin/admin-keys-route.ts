import { GatewayHttpError } from '../errors/gateway-http-error.js';
import { parseRequestBody } from '../errors/parse-request-body.js';
import { parseJsonBody, readBody } from '../http/read-body.js';
import { writeJsonResponse } from '../http/write-response.js';
import type { Caller } from '../keys/caller.js';
import { createVirtualKey } from '../keys/create-virtual-key.js';
import { keySettingsSchema, settingsFromInput } from '../keys/key-settings-schema.js';
import type { KeyStore } from '../keys/key-store.js';
import { publicKeyInfo } from '../keys/virtual-key.js';
import { virtualKeyJson } from '../keys/virtual-key-json.js';
import type { RequestContext } from '../request-context.js';

export interface AdminApi {
  keys: KeyStore;
  now?: () => number;
}

/** Whether a (normalized) path belongs to the admin API. */
export function isAdminPath(path: string): boolean {
  return path === '/admin' || path.startsWith('/admin/');
}

/**
 * The admin API over virtual keys, for the master key only:
 * `POST /admin/keys` (create; the only answer that ever holds the secret), `GET /admin/keys`,
 * `GET /admin/keys/{id}`, `POST /admin/keys/{id}/revoke` and `DELETE /admin/keys/{id}`.
 * Without an admin API (no master key or no key store) every admin path is an unknown URL.
 */
export async function adminKeysRoute(
  ctx: RequestContext,
  path: string,
  caller: Caller,
  admin: AdminApi | undefined,
): Promise<void> {
  const method = ctx.req.method ?? 'GET';
  const match = /^\/admin\/keys(?:\/([^/]+))?(\/revoke)?$/.exec(path);
  if (!admin || !match) throw unknownUrl(method, ctx.url.pathname);
  if (caller.kind !== 'master') {
    throw new GatewayHttpError({
      kind: 'permission',
      status: 403,
      code: 'master_key_required',
      message: 'The admin API needs the master key; a virtual key cannot manage keys.',
    });
  }
  const now = admin.now?.() ?? Date.now();
  const id = match[1] === undefined ? undefined : decodeURIComponent(match[1]);
  const revokePath = match[2] !== undefined;

  if (id === undefined) {
    if (method === 'GET') {
      const keys = await admin.keys.list();
      const data = keys.map((key) => virtualKeyJson(publicKeyInfo(key), now));
      writeJsonResponse(ctx.res, 200, { object: 'list', data }, ctx.responseHeaders());
      return;
    }
    if (method !== 'POST') throw notAllowed(method, ctx.url.pathname, ['GET', 'POST']);
    const raw = await readBody(ctx.req, ctx.services.limits.maxBodyBytes);
    const body = parseRequestBody(keySettingsSchema, raw.length === 0 ? {} : parseJsonBody(raw));
    const { secret, key } = await createVirtualKey(admin.keys, settingsFromInput(body, now), now);
    writeJsonResponse(ctx.res, 201, { ...virtualKeyJson(key, now), key: secret }, ctx.responseHeaders());
    return;
  }

  const revoke = revokePath ? method === 'POST' : method === 'DELETE';
  if (!revoke && (revokePath || method !== 'GET')) {
    throw notAllowed(method, ctx.url.pathname, revokePath ? ['POST'] : ['GET', 'DELETE']);
  }
  const key = revoke ? await admin.keys.revoke(id, now) : await admin.keys.get(id);
  if (!key) {
    throw new GatewayHttpError({
      kind: 'not_found',
      status: 404,
      code: 'key_not_found',
      message: `No virtual key with id '${id}'.`,
    });
  }
  writeJsonResponse(ctx.res, 200, virtualKeyJson(publicKeyInfo(key), now), ctx.responseHeaders());
}

function unknownUrl(method: string, pathname: string): GatewayHttpError {
  return new GatewayHttpError({
    kind: 'not_found',
    status: 404,
    code: 'unknown_url',
    message: `Unknown request URL: ${method} ${pathname}.`,
  });
}

function notAllowed(method: string, pathname: string, allowed: string[]): GatewayHttpError {
  return new GatewayHttpError({
    kind: 'not_found',
    status: 405,
    code: 'method_not_allowed',
    message: `${method} is not allowed on ${pathname}; use ${allowed.join(', ')}.`,
  });
}
