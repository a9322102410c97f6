import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../../core/errors/switchyard-error.js';
import { geminiEmbedCall, geminiEmbedResult } from './gemini-embeddings.js';
import { geminiModelsResult } from './gemini-models.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const connection = {
  providerId: 'gemini',
  baseUrl: 'https://generativelanguage.googleapis.com',
  apiKey: 'k-123456',
};

describe('Gemini embeddings', () => {
  it('embeds one text with embedContent, taskType and outputDimensionality', () => {
    const { call } = geminiEmbedCall(
      { model: 'gemini-embedding-001', input: 'hello', inputType: 'query', dimensions: 768 },
      connection,
    );
    expect(call.url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:embedContent',
    );
    expect(call.headers).toEqual({ 'x-goog-api-key': 'k-123456' });
    expect(call.body).toEqual({
      content: { parts: [{ text: 'hello' }] },
      taskType: 'RETRIEVAL_QUERY',
      outputDimensionality: 768,
    });
    const result = geminiEmbedResult(fixture('embed-single.json'), { model: 'm', input: 'hello' }, 'gemini');
    expect(result.embeddings).toEqual([[0.0130429, -0.0224197, -0.0059835, 0.0458912]]);
  });

  it('embeds a list with batchEmbedContents, naming the model in every request', () => {
    const { call } = geminiEmbedCall(
      { model: 'gemini-embedding-001', input: ['a', 'b'], inputType: 'document' },
      connection,
    );
    expect(call.url).toMatch(/models\/gemini-embedding-001:batchEmbedContents$/);
    expect(call.body).toEqual({
      requests: [
        {
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text: 'a' }] },
          taskType: 'RETRIEVAL_DOCUMENT',
        },
        {
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text: 'b' }] },
          taskType: 'RETRIEVAL_DOCUMENT',
        },
      ],
    });
    const result = geminiEmbedResult(
      fixture('embed-batch.json'),
      { model: 'm', input: ['a', 'b'] },
      'gemini',
    );
    expect(result.embeddings).toEqual([
      [0.5138951, 0.857853],
      [-0.5045317, -0.8633931],
    ]);
  });

  it('refuses batches over the API limit and answers with the wrong count', () => {
    const input = Array.from({ length: 101 }, (_, i) => `t${i}`);
    expect(() => geminiEmbedCall({ model: 'e', input }, connection)).toThrow(/more than 100/);
    try {
      geminiEmbedResult(fixture('embed-batch.json'), { model: 'm', input: ['a', 'b', 'c'] }, 'gemini');
      expect.unreachable();
    } catch (error) {
      expect(isSwitchyardError(error) && error.kind).toBe('server_error');
    }
  });

  it('lists models without the models/ prefix, with context windows', () => {
    expect(geminiModelsResult(fixture('models.json'), 'gemini')).toEqual([
      {
        id: 'gemini-2.5-flash',
        provider: 'gemini',
        ownedBy: 'google',
        contextWindow: 1048576,
        displayName: 'Gemini 2.5 Flash',
      },
      {
        id: 'gemini-embedding-001',
        provider: 'gemini',
        ownedBy: 'google',
        contextWindow: 2048,
        displayName: 'Gemini Embedding 001',
      },
    ]);
  });
});
