import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockHttpServer } from '../mock-http-server.js';
import { startGeminiMockServer } from './gemini-mock-server.js';

/** Wire details the SDK test does not reach: query-key auth, JSON-array streams, blocks, strictness. */
let mock: MockHttpServer;

beforeAll(async () => {
  mock = await startGeminiMockServer({
    models: ['gemini-2.5-flash', 'gemini-embedding-001'],
    rejectUnknownModels: true,
  });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const post = (path: string, body: unknown, key = 'k') =>
  fetch(`${mock.origin}${path}${path.includes('?') ? '&' : '?'}key=${key}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('Gemini mock server wire details', () => {
  it('accepts the key as ?key= and answers pretty-printed Google errors', async () => {
    mock.enqueue({ error: { status: 504 } });
    const response = await post('/v1beta/models/gemini-2.5-flash:generateContent', { contents: [] });
    expect(response.status).toBe(504);
    expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const text = await response.text();
    expect(text).toContain('\n  "error": {');
    expect(JSON.parse(text)).toMatchObject({ error: { code: 504, status: 'DEADLINE_EXCEEDED' } });
  });

  it('streams a JSON array without alt=sse', async () => {
    mock.enqueue({ text: 'a b' });
    const response = await post('/v1beta/models/gemini-2.5-flash:streamGenerateContent', { contents: [] });
    const chunks = JSON.parse(await response.text()) as Array<{
      candidates: Array<{ finishReason?: string }>;
    }>;
    expect(chunks).toHaveLength(2);
    expect(chunks[1]?.candidates[0]?.finishReason).toBe('STOP');
  });

  it('renders a blocked prompt and a MAX_TOKENS finish', async () => {
    mock.enqueue({ finishReason: 'BLOCKED:SAFETY' }, { text: 'cut', finishReason: 'MAX_TOKENS' });
    const blocked = await (
      await post('/v1beta/models/gemini-2.5-flash:generateContent', { contents: [] })
    ).json();
    expect(blocked).toMatchObject({ promptFeedback: { blockReason: 'SAFETY' } });
    expect(blocked).not.toHaveProperty('candidates');
    const cut = await (
      await post('/v1beta/models/gemini-2.5-flash:generateContent', { contents: [] })
    ).json();
    expect(cut).toMatchObject({
      candidates: [{ finishReason: 'MAX_TOKENS', content: { parts: [{ text: 'cut' }] } }],
    });
  });

  it('answers 404 for unknown models when asked to, and checks batch request models', async () => {
    const unknown = await post('/v1beta/models/gemini-9:generateContent', { contents: [] });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { status: 'NOT_FOUND' } });
    const mismatch = await post('/v1beta/models/gemini-embedding-001:batchEmbedContents', {
      requests: [{ model: 'models/other', content: { parts: [{ text: 'a' }] } }],
    });
    expect(mismatch.status).toBe(400);
  });

  it('gets one model and pages the list', async () => {
    const one = await fetch(`${mock.origin}/v1beta/models/gemini-2.5-flash?key=k`);
    expect(await one.json()).toMatchObject({ name: 'models/gemini-2.5-flash', inputTokenLimit: 1048576 });
    const page = (await (await fetch(`${mock.origin}/v1beta/models?pageSize=1&key=k`)).json()) as {
      models: unknown[];
      nextPageToken?: string;
    };
    expect(page.models).toHaveLength(1);
    const rest = (await (
      await fetch(`${mock.origin}/v1beta/models?pageSize=1&pageToken=${page.nextPageToken}&key=k`)
    ).json()) as { models: Array<{ name: string }>; nextPageToken?: string };
    expect(rest.models[0]?.name).toBe('models/gemini-embedding-001');
    expect(rest.nextPageToken).toBeUndefined();
  });
});
