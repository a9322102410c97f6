import { ApiError, GoogleGenAI, Type } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockHttpServer } from '../mock-http-server.js';
import { startGeminiMockServer } from './gemini-mock-server.js';

/** The official SDK, pointed at the mock, must read everything the mock sends as it reads Google. */
const KEY = 'AIzaSyMockKey0123456789abcdefghij';
let mock: MockHttpServer;
let ai: GoogleGenAI;

beforeAll(async () => {
  mock = await startGeminiMockServer({ apiKey: KEY });
  ai = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: mock.origin } });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

describe('@google/genai against the Gemini mock server', () => {
  it('generateContent: text, usage, model version and the key in x-goog-api-key', async () => {
    mock.enqueue({ text: 'Paris is sunny.', usage: { inputTokens: 9, outputTokens: 5 } });
    const response = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'Weather in Paris?',
    });
    expect(response.text).toBe('Paris is sunny.');
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(response.usageMetadata).toMatchObject({
      promptTokenCount: 9,
      candidatesTokenCount: 5,
      totalTokenCount: 14,
    });
    expect(response.modelVersion).toBe('gemini-2.5-flash');
    expect(mock.lastRequest?.url).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(mock.lastRequest?.headers['x-goog-api-key']).toBe(KEY);
  });

  it('generateContentStream: increments over several SSE events, running usage, finish on the last', async () => {
    mock.enqueue({ text: 'one two three four', usage: { inputTokens: 4, outputTokens: 8 } });
    const stream = await ai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'Count' });
    const texts: string[] = [];
    const finishes: Array<string | undefined> = [];
    let lastUsage: unknown;
    for await (const chunk of stream) {
      texts.push(chunk.text ?? '');
      finishes.push(chunk.candidates?.[0]?.finishReason);
      lastUsage = chunk.usageMetadata;
    }
    expect(texts.length).toBe(4);
    expect(texts.join('')).toBe('one two three four');
    expect(finishes.slice(0, -1).every((f) => f === undefined)).toBe(true);
    expect(finishes.at(-1)).toBe('STOP');
    expect(lastUsage).toMatchObject({ promptTokenCount: 4, candidatesTokenCount: 8, totalTokenCount: 12 });
    expect(mock.lastRequest?.url).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
  });

  it('function calls: parallel calls with args objects and a thought signature on the first', async () => {
    mock.enqueue({
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'Paris' } },
        { name: 'get_weather', arguments: { city: 'Rome' } },
      ],
    });
    const response = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'Weather in Paris and Rome?',
      config: {
        tools: [
          {
            functionDeclarations: [
              {
                name: 'get_weather',
                parameters: {
                  type: Type.OBJECT,
                  properties: { city: { type: Type.STRING } },
                  required: ['city'],
                },
              },
            ],
          },
        ],
      },
    });
    expect(response.functionCalls).toEqual([
      { name: 'get_weather', args: { city: 'Paris' } },
      { name: 'get_weather', args: { city: 'Rome' } },
    ]);
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    expect(typeof parts[0]?.thoughtSignature).toBe('string');
    expect(parts[1]?.thoughtSignature).toBeUndefined();
    const sent = mock.lastRequest?.body as { tools: Array<{ functionDeclarations: unknown[] }> };
    expect(sent.tools[0]?.functionDeclarations).toHaveLength(1);
  });

  it('thought parts come back only when includeThoughts is asked for', async () => {
    mock.enqueue({ reasoning: 'Think first.', text: 'Answer.' });
    const response = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'Hard question',
      config: { thinkingConfig: { includeThoughts: true, thinkingBudget: 512 } },
    });
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    expect(parts[0]).toMatchObject({ text: 'Think first.', thought: true });
    expect(response.text).toBe('Answer.');
    expect(response.usageMetadata?.thoughtsTokenCount).toBeGreaterThan(0);
  });

  it('embedContent: the SDK batches through batchEmbedContents and gets one vector per input', async () => {
    const response = await ai.models.embedContent({
      model: 'gemini-embedding-001',
      contents: ['first text', 'second text'],
      config: { outputDimensionality: 4, taskType: 'RETRIEVAL_DOCUMENT' },
    });
    expect(response.embeddings?.map((e) => e.values?.length)).toEqual([4, 4]);
    expect(mock.lastRequest?.url).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
    const body = mock.lastRequest?.body as { requests: Array<Record<string, unknown>> };
    expect(body.requests[0]).toMatchObject({
      model: 'models/gemini-embedding-001',
      taskType: 'RETRIEVAL_DOCUMENT',
    });
  });

  it('models.list pages through nextPageToken', async () => {
    const pager = await ai.models.list({ config: { pageSize: 3 } });
    const names: string[] = [];
    for await (const model of pager) names.push(model.name ?? '');
    expect(names).toEqual([
      'models/gemini-2.5-flash',
      'models/gemini-2.5-pro',
      'models/gemini-2.0-flash',
      'models/gemini-embedding-001',
    ]);
    expect(mock.requests.filter((r) => r.url.startsWith('/v1beta/models?')).length).toBe(2);
  });

  it('HTTP errors surface as ApiError with the status: 429, 503 and an invalid key', async () => {
    mock.enqueue({ error: { status: 429 } }, { error: { status: 503 } });
    for (const status of [429, 503]) {
      const error = await ai.models
        .generateContent({ model: 'gemini-2.5-flash', contents: 'x' })
        .catch((e) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(status);
    }
    const badKey = new GoogleGenAI({ apiKey: 'wrong-key', httpOptions: { baseUrl: mock.origin } });
    const error = await badKey.models
      .generateContent({ model: 'gemini-2.5-flash', contents: 'x' })
      .catch((e) => e);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toContain('API_KEY_INVALID');
  });

  it('an error chunk as the first body chunk of a 200 stream makes the SDK throw ApiError', async () => {
    mock.enqueue({ text: 'never sent', errorAfterChunks: { chunks: 0, status: 503 } });
    const stream = await ai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'x' });
    const error = await (async () => {
      for await (const _ of stream) expect.unreachable('no chunk before the error');
    })().catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect((error as ApiError).message).toContain('UNAVAILABLE');
  });

  it('an error chunk after content ends the SDK stream with a throw, never a clean end', async () => {
    mock.enqueue({ text: 'partial answer here', errorAfterChunks: { chunks: 1, status: 503 } });
    const stream = await ai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'x' });
    const texts: string[] = [];
    const error = await (async () => {
      for await (const chunk of stream) texts.push(chunk.text ?? '');
    })().catch((e) => e);
    expect(texts).toEqual(['partial ']);
    // ApiError when the error arrives as its own network read, else the SDK's incomplete-JSON error.
    expect(error).toBeInstanceOf(Error);
  });

  it('a missing key is refused with 403 PERMISSION_DENIED', async () => {
    const response = await fetch(`${mock.origin}/v1beta/models/gemini-2.5-flash:generateContent`, {
      method: 'POST',
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 403, status: 'PERMISSION_DENIED' } });
  });
});
