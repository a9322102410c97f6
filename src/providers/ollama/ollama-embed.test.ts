import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOllamaEmbedBody, convertOllamaEmbedResult } from './ollama-embed.js';
import { convertOllamaModels } from './ollama-models.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

describe('Ollama embeddings', () => {
  it('sends input as given, dimensions and truncate', () => {
    const { body, warnings } = buildOllamaEmbedBody('ollama', {
      model: 'all-minilm',
      input: ['a', 'b'],
      dimensions: 256,
      providerOptions: { ollama: { truncate: false, keep_alive: '1m' } },
    });
    expect(body).toEqual({
      model: 'all-minilm',
      input: ['a', 'b'],
      dimensions: 256,
      truncate: false,
      keep_alive: '1m',
    });
    expect(warnings).toEqual([]);
    expect(buildOllamaEmbedBody('ollama', { model: 'm', input: 'one' }).body).toEqual({
      model: 'm',
      input: 'one',
    });
  });

  it('warns that there is no input type', () => {
    const { warnings } = buildOllamaEmbedBody('ollama', { model: 'm', input: 'q', inputType: 'query' });
    expect(warnings).toEqual([expect.objectContaining({ setting: 'inputType' })]);
  });

  it('reads the 2-D embeddings array and prompt_eval_count', () => {
    const result = convertOllamaEmbedResult('ollama', fixture('ollama-embed.json'));
    expect(result.embeddings).toHaveLength(2);
    expect(result.embeddings[1]![0]).toBeCloseTo(-0.0098027075);
    expect(result).toMatchObject({ model: 'all-minilm', usage: { inputTokens: 8 } });
    expect(() => convertOllamaEmbedResult('ollama', { embedding: [1, 2] })).toThrow(/no embeddings/);
  });
});

describe('convertOllamaModels', () => {
  it('lists names, sizes and modification times from /api/tags', () => {
    const models = convertOllamaModels('ollama', fixture('ollama-tags.json'));
    expect(models).toEqual([
      {
        id: 'llama3.2:latest',
        provider: 'ollama',
        sizeBytes: 2019393189,
        created: Math.floor(Date.parse('2025-05-04T17:37:44.706015396-07:00') / 1000),
        displayName: 'llama3.2:latest (3.2B, Q4_K_M)',
      },
      expect.objectContaining({ id: 'nomic-embed-text:latest', sizeBytes: 274302450 }),
    ]);
    expect(convertOllamaModels('ollama', {})).toEqual([]);
  });
});
