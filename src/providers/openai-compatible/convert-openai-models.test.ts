import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load-fixture.js';
import { convertOpenAIModels } from './convert-openai-models.js';

describe('convertOpenAIModels', () => {
  it('reads the model list', () => {
    expect(convertOpenAIModels(fixtureJson('openai-models'), 'openai')).toEqual([
      { id: 'gpt-4o-mini', provider: 'openai', ownedBy: 'system', created: 1721172741 },
      { id: 'text-embedding-3-small', provider: 'openai', ownedBy: 'system', created: 1705948997 },
      {
        id: 'ft:gpt-4o-mini-2024-07-18:acme::A1b2C3d4',
        provider: 'openai',
        ownedBy: 'acme',
        created: 1730000000,
      },
    ]);
  });

  it('reads OpenRouter names and context lengths, and bare arrays', () => {
    const body = {
      data: [{ id: 'openai/gpt-5', name: 'OpenAI: GPT-5', context_length: 400000, created: 1754000000 }],
    };
    expect(convertOpenAIModels(body, 'openrouter')).toEqual([
      {
        id: 'openai/gpt-5',
        provider: 'openrouter',
        displayName: 'OpenAI: GPT-5',
        contextWindow: 400000,
        created: 1754000000,
      },
    ]);
    expect(convertOpenAIModels([{ id: 'local' }, { nope: 1 }], 'vllm')).toEqual([
      { id: 'local', provider: 'vllm' },
    ]);
    expect(convertOpenAIModels({ object: 'list' }, 'x')).toEqual([]);
  });
});
