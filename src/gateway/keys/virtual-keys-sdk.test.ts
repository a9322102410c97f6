import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../core/types/chat-request.js';
import { createGatewayLogger } from '../gateway-logger.js';
import { startTestGateway, type TestGateway } from '../start-test-gateway.js';
import { createVirtualKey } from './create-virtual-key.js';
import { SqliteKeyStore } from './sqlite-key-store.js';

const MASTER = 'sy-master-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'switchyard-gw-keys-'));
const dbPath = join(dir, 'keys.db');
const logLines: string[] = [];
const secrets: string[] = [];
let keys: SqliteKeyStore;
let gw: TestGateway;

beforeAll(async () => {
  keys = new SqliteKeyStore({ path: dbPath });
  const logger = createGatewayLogger({ write: (line: string) => logLines.push(line) });
  gw = await startTestGateway({ gateway: { masterKey: MASTER, keys, logger } });
});
afterAll(async () => {
  await gw.close();
  await keys.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Creates a key through the admin API, as an operator would. */
async function adminCreate(body: Record<string, unknown>): Promise<{ id: string; key: string }> {
  const response = await fetch(`${gw.url}/admin/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${MASTER}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  const created = (await response.json()) as { id: string; key: string };
  secrets.push(created.key);
  return created;
}

const openai = (apiKey: string) => new OpenAI({ baseURL: `${gw.url}/v1`, apiKey, maxRetries: 0 });
const anthropic = (apiKey: string) => new Anthropic({ baseURL: gw.url, apiKey, maxRetries: 0 });
const hi = [{ role: 'user' as const, content: 'hi' }];
const chat = (apiKey: string, model = 'mock/echo') =>
  openai(apiKey).chat.completions.create({ model, messages: hi });
const message = (apiKey: string, model = 'mock/echo') =>
  anthropic(apiKey).messages.create({ model, max_tokens: 16, messages: hi });

describe('virtual keys through the official SDKs', () => {
  it('a created key works with both SDKs and bills its owner in the request metadata', async () => {
    const { id, key } = await adminCreate({
      models: ['mock/*'],
      user: 'alice',
      team: 'search',
      tags: ['prod'],
      rpm: 60,
    });
    gw.mock.enqueue({ text: 'from openai' });
    const completion = await openai(key).chat.completions.create({
      model: 'mock/echo',
      messages: hi,
      user: 'mallory',
    });
    expect(completion.choices[0]!.message.content).toBe('from openai');
    expect((gw.mock.requests.at(-1) as ChatRequest).metadata).toMatchObject({
      key: id,
      user: 'alice',
      team: 'search',
      tags: ['prod'],
    });
    gw.mock.enqueue({ text: 'from anthropic' });
    const reply = await message(key);
    expect(reply.content).toMatchObject([{ type: 'text', text: 'from anthropic' }]);
    expect((gw.mock.requests.at(-1) as ChatRequest).metadata).toMatchObject({ key: id, user: 'alice' });
    gw.mock.enqueue({ text: 'streamed' });
    const stream = await openai(key).chat.completions.create({
      model: 'mock/echo',
      messages: hi,
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('streamed');
    expect((gw.mock.requests.at(-1) as ChatRequest).metadata).toMatchObject({ key: id, team: 'search' });
  });

  it('the master key still works, and a key made by another process counts at once', async () => {
    gw.mock.enqueue({ text: 'admin' });
    expect((await chat(MASTER)).choices[0]!.message.content).toBe('admin');
    const elsewhere = new SqliteKeyStore({ path: dbPath });
    const { secret } = await createVirtualKey(elsewhere, { user: 'cli' });
    await elsewhere.close();
    secrets.push(secret);
    gw.mock.enqueue({ text: 'cli key' });
    expect((await chat(secret)).choices[0]!.message.content).toBe('cli key');
  });

  it('a wrong key is an AuthenticationError in each SDK', async () => {
    const wrong = `sk-sy-${'A'.repeat(43)}`;
    await expect(chat(wrong)).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(chat('not-even-close')).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
    await expect(message(wrong)).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    const missing = await fetch(`${gw.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'mock/echo', max_tokens: 8, messages: hi }),
    });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error', message: expect.stringMatching(/Missing API key/) },
    });
  });

  it('an expired key is refused with 401 in each SDK', async () => {
    const { secret } = await createVirtualKey(keys, { expiresAt: Date.now() - 1 });
    secrets.push(secret);
    await expect(chat(secret)).rejects.toMatchObject({ status: 401, code: 'expired_api_key' });
    await expect(chat(secret)).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(message(secret)).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
  });

  it('a revoked key stops working at once', async () => {
    const { id, key } = await adminCreate({});
    gw.mock.enqueue({ text: 'before' });
    await chat(key);
    const revoked = await fetch(`${gw.url}/admin/keys/${id}/revoke`, {
      method: 'POST',
      headers: { 'x-api-key': MASTER },
    });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ id, status: 'revoked' });
    const error = await chat(key).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'revoked_api_key' });
    await expect(message(key)).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
  });

  it('a model outside the key is a PermissionDeniedError, before any provider is called', async () => {
    const { key } = await adminCreate({ models: ['mock/echo', 'anthropic/*'] });
    const calls = gw.mock.requests.length;
    const error = await chat(key, 'mock/echo-large').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, code: 'model_not_allowed', param: 'model' });
    await expect(message(key, 'mock/echo-large')).rejects.toBeInstanceOf(Anthropic.PermissionDeniedError);
    await expect(
      openai(key).embeddings.create({ model: 'openai/text-embedding-3-small', input: 'x' }),
    ).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(gw.mock.requests.length).toBe(calls);
  });

  it('never stores or logs a key in clear', () => {
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    const bytes = [dbPath, `${dbPath}-wal`]
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString('latin1'))
      .join('');
    const log = logLines.join('');
    expect(log).toContain('"key":"key_');
    expect(log).toContain('[REDACTED]');
    for (const secret of [...secrets, MASTER]) {
      expect(bytes).not.toContain(secret);
      expect(log).not.toContain(secret);
      expect(log).not.toContain(secret.slice(14));
    }
  });
});
