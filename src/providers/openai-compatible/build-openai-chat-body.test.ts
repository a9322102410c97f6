import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { ProviderFeatures } from '../../core/types/provider.js';
import { buildOpenAIChatBody } from './build-openai-chat-body.js';
import { resolveQuirks } from './openai-quirks.js';

const ALL: ProviderFeatures = {
  streaming: true,
  tools: true,
  structuredOutput: true,
  jsonMode: true,
  vision: true,
  embeddings: true,
  reasoning: true,
};
const base: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] };
const openai = {
  provider: 'openai',
  features: ALL,
  quirks: resolveQuirks({ maxTokensField: 'max_completion_tokens' }),
};

describe('buildOpenAIChatBody', () => {
  it('maps tools, tool choice, parallel calls, sampling, stop, seed and user', () => {
    const { body, warnings } = buildOpenAIChatBody(
      {
        ...base,
        tools: [
          {
            name: 'get_weather',
            description: 'Weather by city',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
            strict: true,
          },
        ],
        toolChoice: { type: 'tool', name: 'get_weather' },
        parallelToolCalls: false,
        temperature: 0.2,
        topP: 0.9,
        frequencyPenalty: 0.1,
        presencePenalty: -0.1,
        stop: ['END'],
        seed: 7,
        maxOutputTokens: 256,
        metadata: { user: 'user-42', task: 'qa' },
      },
      false,
      openai,
    );
    expect(warnings).toEqual([]);
    expect(body).toEqual({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Weather by city',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
            strict: true,
          },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
      temperature: 0.2,
      top_p: 0.9,
      frequency_penalty: 0.1,
      presence_penalty: -0.1,
      stop: ['END'],
      seed: 7,
      max_completion_tokens: 256,
      user: 'user-42',
    });
  });

  it('maps string tool choices and refuses a choice naming no tool', () => {
    const tools = [{ name: 'a', parameters: { type: 'object' } }];
    for (const choice of ['auto', 'none', 'required'] as const) {
      expect(
        buildOpenAIChatBody({ ...base, tools, toolChoice: choice }, false, openai).body.tool_choice,
      ).toBe(choice);
    }
    expect(() =>
      buildOpenAIChatBody({ ...base, tools, toolChoice: { type: 'tool', name: 'b' } }, false, openai),
    ).toThrow(/no tool named 'b'/);
  });

  it('maps every response format', () => {
    const format = (responseFormat: ChatRequest['responseFormat']) =>
      buildOpenAIChatBody({ ...base, responseFormat }, false, openai).body.response_format;
    expect(format({ type: 'text' })).toEqual({ type: 'text' });
    expect(format({ type: 'json' })).toEqual({ type: 'json_object' });
    expect(
      format({
        type: 'json_schema',
        name: 'person card',
        schema: { type: 'object' },
        strict: true,
        description: 'A person',
      }),
    ).toEqual({
      type: 'json_schema',
      json_schema: { name: 'person_card', description: 'A person', schema: { type: 'object' }, strict: true },
    });
    expect(format({ type: 'json_schema', schema: { type: 'object' } })).toEqual({
      type: 'json_schema',
      json_schema: { name: 'response', schema: { type: 'object' } },
    });
  });

  it('asks for usage on streams unless the quirk turns it off', () => {
    expect(buildOpenAIChatBody(base, true, openai).body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
    const off = { ...openai, quirks: resolveQuirks({ streamUsage: false }) };
    const body = buildOpenAIChatBody(base, true, off).body;
    expect(body.stream).toBe(true);
    expect(body).not.toHaveProperty('stream_options');
    expect(buildOpenAIChatBody(base, false, openai).body).not.toHaveProperty('stream');
  });

  it('uses max_tokens and random_seed where the preset says so', () => {
    const mistral = {
      provider: 'mistral',
      features: ALL,
      quirks: resolveQuirks({ seedField: 'random_seed' }),
    };
    const { body } = buildOpenAIChatBody({ ...base, maxOutputTokens: 100, seed: 3 }, false, mistral);
    expect(body).toMatchObject({ max_tokens: 100, random_seed: 3 });
    expect(body).not.toHaveProperty('seed');
    expect(body).not.toHaveProperty('max_completion_tokens');
  });

  it('leaves out settings a server rejects, with a warning each', () => {
    const cerebras = {
      provider: 'cerebras',
      features: ALL,
      quirks: resolveQuirks({ unsupportedSettings: ['frequencyPenalty', 'presencePenalty'] }),
    };
    const { body, warnings } = buildOpenAIChatBody(
      { ...base, frequencyPenalty: 0.5, presencePenalty: 0.5, topK: 40 },
      false,
      cerebras,
    );
    expect(body).not.toHaveProperty('frequency_penalty');
    expect(body).not.toHaveProperty('presence_penalty');
    expect(body).not.toHaveProperty('top_k');
    expect(warnings.map((w) => [w.type, w.setting])).toEqual([
      ['unsupported-setting', 'topK'],
      ['unsupported-setting', 'frequencyPenalty'],
      ['unsupported-setting', 'presencePenalty'],
    ]);
    const together = { provider: 'together', features: ALL, quirks: resolveQuirks({ topK: true }) };
    expect(buildOpenAIChatBody({ ...base, topK: 40 }, false, together).body.top_k).toBe(40);
  });

  it('sends reasoning as reasoning_effort, as an OpenRouter object, or warns', () => {
    const reasoning = { effort: 'high' as const, budgetTokens: 2048 };
    const plain = buildOpenAIChatBody({ ...base, reasoning }, false, openai);
    expect(plain.body.reasoning_effort).toBe('high');
    expect(plain.warnings.map((w) => w.setting)).toEqual(['reasoning.budgetTokens']);
    const openrouter = {
      provider: 'openrouter',
      features: ALL,
      quirks: resolveQuirks({ reasoning: 'reasoning-object' }),
    };
    expect(
      buildOpenAIChatBody({ ...base, reasoning: { ...reasoning, include: false } }, false, openrouter).body
        .reasoning,
    ).toEqual({ effort: 'high', max_tokens: 2048, exclude: true });
    const deepseek = { provider: 'deepseek', features: ALL, quirks: resolveQuirks({ reasoning: 'none' }) };
    const none = buildOpenAIChatBody({ ...base, reasoning }, false, deepseek);
    expect(none.body).not.toHaveProperty('reasoning_effort');
    expect(none.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'reasoning' }),
    ]);
  });

  it('merges providerOptions.openai then providerOptions[provider id], the provider id winning', () => {
    const { body } = buildOpenAIChatBody(
      {
        ...base,
        temperature: 1,
        providerOptions: {
          openai: { service_tier: 'flex', store: false, temperature: 0.5 },
          groq: { service_tier: 'on_demand', reasoning_format: 'parsed' },
          anthropic: { ignored: true },
        },
      },
      false,
      { ...openai, provider: 'groq' },
    );
    expect(body).toMatchObject({
      service_tier: 'on_demand',
      store: false,
      temperature: 0.5,
      reasoning_format: 'parsed',
    });
    expect(body).not.toHaveProperty('ignored');
  });

  it('throws unsupported for tools, JSON and schemas a provider lacks, and leaves out the model for Azure', () => {
    const none = { ...ALL, tools: false, jsonMode: false, structuredOutput: false };
    const context = { provider: 'perplexity', features: none, quirks: resolveQuirks() };
    expect(() =>
      buildOpenAIChatBody({ ...base, tools: [{ name: 'a', parameters: {} }] }, false, context),
    ).toThrow(expect.objectContaining({ kind: 'unsupported', feature: 'tools' }));
    expect(() => buildOpenAIChatBody({ ...base, responseFormat: { type: 'json' } }, false, context)).toThrow(
      /json mode/,
    );
    expect(() =>
      buildOpenAIChatBody({ ...base, responseFormat: { type: 'json_schema', schema: {} } }, false, context),
    ).toThrow(/structured output/);
    expect(buildOpenAIChatBody(base, false, { ...openai, modelInUrl: true }).body).not.toHaveProperty(
      'model',
    );
  });
});
