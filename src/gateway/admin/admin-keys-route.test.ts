import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryKeyStore } from '../keys/memory-key-store.js';
import { startTestGateway, type TestGateway } from '../start-test-gateway.js';

const MASTER = 'sy-master-admin-0123456789';
let gw: TestGateway;
let keys: MemoryKeyStore;

beforeAll(async () => {
  keys = new MemoryKeyStore();
  gw = await startTestGateway({ gateway: { masterKey: MASTER, keys } });
});
afterAll(() => gw.close());

async function call(
  method: string,
  path: string,
  options: { key?: string; body?: unknown } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const key = options.key === undefined ? MASTER : options.key;
  if (key !== '') headers.authorization = `Bearer ${key}`;
  const response = await fetch(`${gw.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the admin API over virtual keys', () => {
  it('creates a key, shows its secret once, and lists and gets it without secrets', async () => {
    const created = await call('POST', '/admin/keys', {
      body: {
        name: 'search-prod',
        models: ['openai/*', 'fast'],
        max_budget_usd: '25.50',
        budget_window: 'day',
        rpm: 60,
        tpm: 50_000,
        max_concurrent: 4,
        expires_in: '30d',
        user: 'alice',
        team: 'search',
        tags: ['prod'],
      },
    });
    expect(created.status).toBe(201);
    const secret = created.body.key as string;
    expect(secret).toMatch(/^sk-sy-[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({
      object: 'virtual_key',
      id: expect.stringMatching(/^key_/),
      prefix: secret.slice(0, 14),
      status: 'active',
      name: 'search-prod',
      models: ['openai/*', 'fast'],
      max_budget_usd: '25.5',
      budget_window: 'day',
      rpm: 60,
      tpm: 50_000,
      max_concurrent: 4,
      user: 'alice',
      team: 'search',
      tags: ['prod'],
      revoked_at: null,
    });
    const expiresAt = Date.parse(created.body.expires_at as string);
    expect(expiresAt - Date.parse(created.body.created_at as string)).toBe(30 * 86_400_000);

    const listed = await call('GET', '/v1/admin/keys');
    expect(listed.status).toBe(200);
    expect(listed.body.object).toBe('list');
    const { key: _secret, ...shown } = created.body;
    expect(listed.body.data).toContainEqual(shown);
    const got = await call('GET', `/admin/keys/${created.body.id}`);
    expect(got.body).toEqual(shown);
    for (const answer of [listed, got]) {
      const text = JSON.stringify(answer.body);
      expect(text).not.toContain(secret);
      expect(text).not.toContain('hash');
    }
  });

  it('creates an unrestricted key from an empty body', async () => {
    const created = await call('POST', '/admin/keys');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ models: [], max_budget_usd: null, expires_at: null });
  });

  it('revokes by POST .../revoke or DELETE, keeping the first revocation time', async () => {
    const { body } = await call('POST', '/admin/keys', { body: { user: 'bob' } });
    const first = await call('DELETE', `/admin/keys/${body.id}`);
    expect(first).toMatchObject({ status: 200, body: { id: body.id, status: 'revoked' } });
    const again = await call('POST', `/admin/keys/${body.id}/revoke`);
    expect(again.body.revoked_at).toBe(first.body.revoked_at);
    expect((await keys.get(body.id as string))?.revokedAt).toBe(Date.parse(first.body.revoked_at as string));
  });

  it('answers bad input, unknown ids and wrong methods with JSON errors', async () => {
    const unknownField = await call('POST', '/admin/keys', { body: { max_budget: 10 } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error).toMatchObject({ type: 'invalid_request_error' });
    const badBudget = await call('POST', '/admin/keys', { body: { max_budget_usd: 'lots' } });
    expect(badBudget).toMatchObject({ status: 400, body: { error: { param: 'max_budget_usd' } } });
    const past = await call('POST', '/admin/keys', { body: { expires_at: '2020-01-01' } });
    expect(past).toMatchObject({ status: 400, body: { error: { param: 'expires_at' } } });
    expect(await call('GET', '/admin/keys/key_nope')).toMatchObject({
      status: 404,
      body: { error: { code: 'key_not_found' } },
    });
    expect(await call('POST', '/admin/keys/key_nope/revoke')).toMatchObject({ status: 404 });
    expect(await call('PUT', '/admin/keys')).toMatchObject({
      status: 405,
      body: { error: { code: 'method_not_allowed' } },
    });
    expect((await call('GET', '/admin/users')).status).toBe(404);
  });

  it('refuses anyone without the master key: 401 without a valid key, 403 for a virtual key', async () => {
    expect(await call('GET', '/admin/keys', { key: '' })).toMatchObject({
      status: 401,
      body: { error: { type: 'authentication_error', code: 'missing_api_key' } },
    });
    expect(await call('POST', '/admin/keys', { key: 'sy-master-guess', body: {} })).toMatchObject({
      status: 401,
      body: { error: { code: 'invalid_api_key' } },
    });
    const { body } = await call('POST', '/admin/keys', { body: {} });
    const before = (await keys.list()).length;
    expect(await call('POST', '/admin/keys', { key: body.key as string, body: {} })).toMatchObject({
      status: 403,
      body: { error: { type: 'permission_error', code: 'master_key_required' } },
    });
    expect(await call('GET', '/admin/keys', { key: body.key as string })).toMatchObject({ status: 403 });
    expect((await keys.list()).length).toBe(before);
  });
});

describe('without a master key', () => {
  it('has no admin API at all (404), even with a key store', async () => {
    const open = await startTestGateway({ gateway: { keys: new MemoryKeyStore() } });
    try {
      const response = await fetch(`${open.url}/admin/keys`, { method: 'POST', body: '{}' });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'unknown_url' } });
    } finally {
      await open.close();
    }
  });

  it('has no admin API with a master key but no key store either', async () => {
    const bare = await startTestGateway({ gateway: { masterKey: MASTER } });
    try {
      const response = await fetch(`${bare.url}/admin/keys`, { headers: { 'x-api-key': MASTER } });
      expect(response.status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
