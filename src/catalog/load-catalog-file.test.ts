import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalog } from './create-catalog.js';
import { loadCatalogFile } from './load-catalog-file.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-catalog-file-'));
const write = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const source = { url: 'https://example.com/negotiated', checked: '2025-11-30' };

describe('loadCatalogFile', () => {
  it('overrides a built-in model whole, by provider/id', () => {
    const path = write('override.json', {
      provider: 'openai',
      source,
      models: [
        {
          id: 'gpt-4o',
          contextWindow: 128000,
          prices: { input: '2.00', output: '8.00', cachedInput: '1.00' },
        },
      ],
    });
    const catalog = createCatalog({ files: [path] });
    const entry = catalog.get('openai/gpt-4o')!;
    expect([entry.prices.input, entry.prices.output, entry.prices.cachedInput].map(String)).toEqual([
      '2',
      '8',
      '1',
    ]);
    expect(entry.origin).toBe(path);
    expect(entry.source).toEqual(source);
    // The override restates what it keeps: its own aliases (none) and default capabilities.
    expect(entry.aliases).toEqual([]);
    expect(catalog.size).toBe(createCatalog().size);
  });

  it('reads a list of provider files, in JSON or YAML', () => {
    const yaml = write(
      'two.yaml',
      [
        '- provider: acme',
        `  source: { url: "${source.url}", checked: "${source.checked}" }`,
        '  models: [{ id: a1, contextWindow: 8000, prices: { input: "1", output: "2" } }]',
        '- provider: zeta',
        `  source: { url: "${source.url}", checked: "${source.checked}" }`,
        '  models: [{ id: z1, mode: embedding, contextWindow: 512, prices: { input: "0.001" } }]',
      ].join('\n'),
    );
    const entries = loadCatalogFile(yaml);
    expect(entries.map((e) => `${e.provider}/${e.id}:${e.mode}`)).toEqual([
      'acme/a1:chat',
      'zeta/z1:embedding',
    ]);
    expect(entries[0]!.capabilities).toEqual(['text', 'chat', 'streaming']);
  });

  it('detects the LiteLLM format', () => {
    const path = write('litellm.json', {
      'groq/llama-3.1-8b-instant': {
        input_cost_per_token: 5e-8,
        output_cost_per_token: 8e-8,
        litellm_provider: 'groq',
        max_input_tokens: 131072,
        mode: 'chat',
      },
    });
    const catalog = createCatalog({ files: [path] });
    expect(catalog.get('groq/llama-3.1-8b-instant')?.prices.input.toString()).toBe('0.05');
    expect(catalog.get('groq/llama-3.1-8b-instant')?.origin).toBe(`litellm:${path}`);
  });

  it('names the file, the model and the field of a mistake', () => {
    const path = write('bad.json', {
      provider: 'acme',
      source,
      models: [
        { id: 'ok', contextWindow: 1000, prices: { input: '1', output: '1' } },
        { id: 'broken', contextWindow: 1000, prices: { input: 2.5, output: '1' } },
      ],
    });
    expect(() => loadCatalogFile(path)).toThrow(
      `invalid catalog file ${path}: models[1] (broken).prices.input:`,
    );
    expect(() => loadCatalogFile(join(dir, 'missing.json'))).toThrow('cannot read catalog file');
    expect(() => loadCatalogFile(write('garbage.json', '{'))).toThrow('is not valid JSON');
    const typo = write('typo.json', {
      provider: 'acme',
      source,
      models: [{ id: 'x', contextWindow: 1, price: {} }],
    });
    expect(() => loadCatalogFile(typo)).toThrow(/models\[0\] \(x\)/);
  });
});
