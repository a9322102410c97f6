import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCohereEmbedBody, convertCohereEmbedResult } from './cohere-embed.js';
import { convertCohereModels } from './cohere-models.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

describe('Cohere embeddings', () => {
  it('always sends input_type (default search_document) and asks for float vectors', () => {
    expect(buildCohereEmbedBody('cohere', { model: 'embed-v4.0', input: 'hello' })).toEqual({
      model: 'embed-v4.0',
      texts: ['hello'],
      input_type: 'search_document',
      embedding_types: ['float'],
    });
    expect(
      buildCohereEmbedBody('cohere', {
        model: 'embed-v4.0',
        input: ['a', 'b'],
        inputType: 'query',
        dimensions: 512,
      }),
    ).toMatchObject({ texts: ['a', 'b'], input_type: 'search_query', output_dimension: 512 });
    expect(
      buildCohereEmbedBody('cohere', { model: 'm', input: 'x', inputType: 'clustering' }).input_type,
    ).toBe('clustering');
  });

  it('reads embeddings.float and billed input tokens', () => {
    const result = convertCohereEmbedResult('cohere', fixture('cohere-embed.json'));
    expect(result.embeddings).toHaveLength(2);
    expect(result.embeddings[0]![0]).toBeCloseTo(0.03302002);
    expect(result.usage).toEqual({ inputTokens: 10 });
    expect(() => convertCohereEmbedResult('cohere', { embeddings: [[1]] })).toThrow(/no float embeddings/);
  });
});

describe('convertCohereModels', () => {
  it('lists names and context windows', () => {
    expect(convertCohereModels('cohere', fixture('cohere-models.json'))).toEqual([
      { id: 'command-a-03-2025', provider: 'cohere', ownedBy: 'cohere', contextWindow: 256000 },
      { id: 'embed-v4.0', provider: 'cohere', ownedBy: 'cohere', contextWindow: 128000 },
    ]);
  });
});
