import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load-fixture.js';
import {
  buildOpenAIEmbeddingBody,
  convertOpenAIEmbeddingResponse,
  decodeBase64Embedding,
} from './openai-embeddings.js';

const FLOATS = [
  [0.0023064255, -0.009327292, 0.015797347, -0.0077780345],
  [-0.012516773, 0.0046023866, 0.020833723, 0.0016307095],
];

describe('OpenAI embeddings', () => {
  it('asks for floats, passes dimensions and merges provider options', () => {
    const { body, warnings } = buildOpenAIEmbeddingBody(
      {
        model: 'text-embedding-3-small',
        input: ['a', 'b'],
        dimensions: 256,
        inputType: 'query',
        providerOptions: { openai: { user: 'u1' } },
      },
      { provider: 'openai' },
    );
    expect(body).toEqual({
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
      encoding_format: 'float',
      dimensions: 256,
      user: 'u1',
    });
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'inputType' }),
    ]);
    expect(
      buildOpenAIEmbeddingBody({ model: 'd', input: 'x' }, { provider: 'azure', modelInUrl: true }).body,
    ).toEqual({
      input: 'x',
      encoding_format: 'float',
    });
    expect(() => buildOpenAIEmbeddingBody({ model: 'd', input: [] }, { provider: 'openai' })).toThrow(
      /empty input/,
    );
  });

  it('reads float vectors', () => {
    expect(convertOpenAIEmbeddingResponse(fixtureJson('openai-embeddings-float'), 'openai')).toEqual({
      embeddings: FLOATS,
      usage: { inputTokens: 8 },
      model: 'text-embedding-3-small',
    });
  });

  it('decodes base64 little-endian float32 vectors to the same numbers', () => {
    const result = convertOpenAIEmbeddingResponse(fixtureJson('openai-embeddings-base64'), 'openai');
    for (const [i, vector] of result.embeddings.entries()) {
      expect(vector).toHaveLength(4);
      for (const [j, value] of vector.entries()) expect(value).toBeCloseTo(FLOATS[i]![j]!, 7);
    }
    expect(decodeBase64Embedding(Buffer.from(new Float32Array([1.5, -2]).buffer).toString('base64'))).toEqual(
      [1.5, -2],
    );
  });

  it('orders vectors by index, not by array position', () => {
    const body = {
      data: [
        { index: 1, embedding: [2] },
        { index: 0, embedding: [1] },
      ],
    };
    expect(convertOpenAIEmbeddingResponse(body, 'p').embeddings).toEqual([[1], [2]]);
    expect(() => convertOpenAIEmbeddingResponse({}, 'p')).toThrow(/without data/);
  });
});
