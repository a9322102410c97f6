import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockHttpServer } from '../../testing/mock-http-server.js';
import { startOpenAIMockServer } from '../../testing/openai-mock-server.js';
import { resolveProvider } from '../registry/resolve-provider.js';
import { definitionFromPreset, openAICompatibleDefinitions } from './openai-compatible-definitions.js';
import { OPENAI_COMPATIBLE_PRESETS } from './presets.js';

const definition = (id: string) => openAICompatibleDefinitions.find((d) => d.id === id)!;
const hi = { messages: [{ role: 'user' as const, content: 'Hi' }] };

let server: MockHttpServer;
beforeAll(async () => {
  server = await startOpenAIMockServer();
});
afterAll(async () => {
  await server.close();
});

describe('presets', () => {
  it('covers every provider of the task, each with a source and a check date', () => {
    expect(openAICompatibleDefinitions.map((d) => d.id)).toEqual([
      'openai',
      'azure',
      'groq',
      'deepseek',
      'xai',
      'together',
      'fireworks',
      'openrouter',
      'perplexity',
      'mistral',
      'cerebras',
      'deepinfra',
      'huggingface',
      'lmstudio',
      'vllm',
      'llamacpp',
    ]);
    for (const preset of OPENAI_COMPATIBLE_PRESETS) {
      expect(preset.source.url).toMatch(/^https:\/\//);
      expect(preset.source.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(definition(preset.id).protocol).toBe('openai');
    }
  });

  it('states features honestly', () => {
    expect(definition('perplexity').features).toMatchObject({ tools: false, embeddings: false });
    expect(definition('deepseek').features).toMatchObject({ vision: false, embeddings: false });
    expect(definition('openai').features.embeddings).toBe(true);
  });

  it('registers from the conventional variables, OPENAI_BASE_URL including /v1', () => {
    const env = { OPENAI_API_KEY: 'sk-a', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1/' };
    expect(resolveProvider(definition('openai'), env).settings).toMatchObject({
      apiKey: 'sk-a',
      baseUrl: 'http://127.0.0.1:9/v1',
    });
    expect(resolveProvider(definition('huggingface'), { HF_TOKEN: 'hf_x' }).status.reason).toBe(
      'HF_TOKEN is set',
    );
    expect(
      resolveProvider(definition('huggingface'), { HF_API_KEY: 'a', HF_TOKEN: 'b' }).settings?.apiKey,
    ).toBe('a');
    expect(resolveProvider(definition('azure'), { AZURE_OPENAI_API_KEY: 'k' }).status.reason).toMatch(
      /no endpoint/,
    );
  });

  it('registers local servers by URL only, without a key, adding /v1 to a bare origin', () => {
    const lmstudio = definition('lmstudio');
    expect(resolveProvider(lmstudio, {}).status.configured).toBe(false);
    const resolved = resolveProvider(lmstudio, { LMSTUDIO_BASE_URL: 'http://127.0.0.1:1234' });
    expect(resolved.settings).toMatchObject({ baseUrl: 'http://127.0.0.1:1234/v1', apiKey: undefined });
    expect(
      resolveProvider(definition('vllm'), { VLLM_BASE_URL: 'http://gpu:8000/v1' }).settings?.baseUrl,
    ).toBe('http://gpu:8000/v1');
  });
});

describe('preset providers against the mock', () => {
  it('Azure: deployment URL, api-key header, api-version, model = deployment', async () => {
    const env = {
      AZURE_OPENAI_API_KEY: 'azure-key-1',
      AZURE_OPENAI_ENDPOINT: `${server.origin}/`,
      OPENAI_API_VERSION: '2025-04-01-preview',
    };
    const { settings } = resolveProvider(definition('azure'), env);
    const provider = definition('azure').create({ ...settings!, options: { env } });
    const result = await provider.chat({ model: 'my-gpt4o', ...hi, maxOutputTokens: 50 });
    expect(result.model).toBe('my-gpt4o');
    const sent = server.lastRequest!;
    expect(sent.url).toBe('/openai/deployments/my-gpt4o/chat/completions?api-version=2025-04-01-preview');
    expect(sent.headers['api-key']).toBe('azure-key-1');
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.body).not.toHaveProperty('model');
    expect(sent.body).toMatchObject({ max_completion_tokens: 50 });
    const embedded = await provider.embed({ model: 'my-embedder', input: 'x' });
    expect(embedded.embeddings).toHaveLength(1);
    expect(server.lastRequest!.url).toBe(
      '/openai/deployments/my-embedder/embeddings?api-version=2025-04-01-preview',
    );
    expect((await provider.listModels()).length).toBeGreaterThan(0);
    expect(server.lastRequest!.url).toBe('/openai/models?api-version=2025-04-01-preview');
  });

  it('Azure: options.apiVersion wins, a base URL ending in /openai is accepted, /openai/v1 uses plain paths', async () => {
    const azure = definition('azure');
    const classic = azure.create({
      id: 'azure',
      baseUrl: `${server.origin}/openai`,
      apiKey: 'k',
      options: { apiVersion: '2024-10-21', env: {} },
    });
    await classic.chat({ model: 'dep', ...hi });
    expect(server.lastRequest!.url).toBe('/openai/deployments/dep/chat/completions?api-version=2024-10-21');
    const v1 = azure.create({
      id: 'azure',
      baseUrl: `${server.origin}/openai/v1`,
      apiKey: 'k',
      options: { env: {} },
    });
    expect((await v1.chat({ model: 'dep', ...hi })).model).toBe('dep');
    expect(server.lastRequest!.url).toBe('/openai/v1/chat/completions');
    expect(server.lastRequest!.body).toMatchObject({ model: 'dep' });
  });

  it('OpenRouter: attribution headers from options, else from the environment', async () => {
    const openrouter = definition('openrouter');
    const fromOptions = openrouter.create({
      id: 'openrouter',
      baseUrl: `${server.origin}/v1`,
      apiKey: 'sk-or-1',
      options: { appUrl: 'https://app.example', appName: 'Example', env: { OPENROUTER_APP_NAME: 'Ignored' } },
    });
    await fromOptions.chat({ model: 'openai/gpt-4o-mini', ...hi });
    expect(server.lastRequest!.headers).toMatchObject({
      'http-referer': 'https://app.example',
      'x-title': 'Example',
      authorization: 'Bearer sk-or-1',
    });
    const fromEnv = openrouter.create({
      id: 'openrouter',
      baseUrl: `${server.origin}/v1`,
      apiKey: 'sk-or-1',
      options: { env: { OPENROUTER_APP_URL: 'https://env.example', OPENROUTER_APP_NAME: 'EnvApp' } },
    });
    await fromEnv.chat({ model: 'openai/gpt-4o-mini', ...hi, reasoning: { effort: 'low' } });
    expect(server.lastRequest!.headers).toMatchObject({
      'http-referer': 'https://env.example',
      'x-title': 'EnvApp',
    });
    expect(server.lastRequest!.body).toMatchObject({ reasoning: { effort: 'low' } });
  });

  it('applies preset quirks on the wire and lets options override them', async () => {
    const mistral = definition('mistral').create({
      id: 'mistral',
      baseUrl: `${server.origin}/v1`,
      apiKey: 'k',
    });
    await mistral.chat({ model: 'mistral-small-latest', ...hi, seed: 1, maxOutputTokens: 9 });
    expect(server.lastRequest!.body).toMatchObject({ random_seed: 1, max_tokens: 9 });
    const quiet = definitionFromPreset(OPENAI_COMPATIBLE_PRESETS[0]!).create({
      id: 'openai',
      baseUrl: `${server.origin}/v1`,
      apiKey: 'k',
      options: { quirks: { streamUsage: false } },
    });
    await quiet.stream({ model: 'gpt-4o-mini', ...hi }).result;
    expect(server.lastRequest!.body).not.toHaveProperty('stream_options');
  });
});
