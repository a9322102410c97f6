import { describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../../core/errors/switchyard-error.js';
import type { ChatRequest } from '../../core/types/chat-request.js';
import { buildAnthropicRequest } from './build-anthropic-request.js';

const base: ChatRequest = {
  model: 'claude-sonnet-4-5-20250929',
  messages: [{ role: 'user', content: 'Hi' }],
};
const build = (extra: Partial<ChatRequest>, stream = false, providerId = 'anthropic') =>
  buildAnthropicRequest(providerId, { ...base, ...extra }, stream);

const weather = {
  name: 'get_weather',
  description: 'Current weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('buildAnthropicRequest', () => {
  it('always sends max_tokens: the caller value, the model ceiling, or 4096 for unknown models', () => {
    expect(build({ maxOutputTokens: 300 }).body.max_tokens).toBe(300);
    expect(build({}, true).body.max_tokens).toBe(64_000);
    expect(build({ model: 'claude-3-5-haiku-20241022' }).body.max_tokens).toBe(8192);
    expect(build({ model: 'claude-next-preview' }).body.max_tokens).toBe(4096);
  });

  it('keeps a default for a non-streamed call under what the SDKs allow without streaming', () => {
    expect(build({}).body.max_tokens).toBe(21_333);
    expect(build({ maxOutputTokens: 30_000 }).body.max_tokens).toBe(30_000);
  });

  it('maps sampling settings and stop sequences, clamping temperature to 1', () => {
    const { body, warnings } = build({ temperature: 1.5, topP: 0.9, topK: 40, stop: ['END'] }, true);
    expect(body).toMatchObject({
      temperature: 1,
      top_p: 0.9,
      top_k: 40,
      stop_sequences: ['END'],
      stream: true,
    });
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'temperature' }),
    ]);
  });

  it('warns about settings Anthropic has no field for', () => {
    const { body, warnings } = build({ seed: 7, frequencyPenalty: 0.5, presencePenalty: 0.1 });
    expect(body).not.toHaveProperty('seed');
    expect(warnings.map((w) => [w.type, w.setting])).toEqual([
      ['unsupported-setting', 'seed'],
      ['unsupported-setting', 'frequencyPenalty'],
      ['unsupported-setting', 'presencePenalty'],
    ]);
  });

  it('converts tools to input_schema and every tool choice', () => {
    const choices: Array<[ChatRequest['toolChoice'], unknown]> = [
      [undefined, { type: 'auto' }],
      ['auto', { type: 'auto' }],
      ['required', { type: 'any' }],
      ['none', { type: 'none' }],
      [
        { type: 'tool', name: 'get_weather' },
        { type: 'tool', name: 'get_weather' },
      ],
    ];
    for (const [toolChoice, expected] of choices) {
      const { body } = build({ tools: [weather, { name: 'now', parameters: {} }], toolChoice });
      expect(body.tools).toEqual([
        { name: 'get_weather', description: 'Current weather', input_schema: weather.parameters },
        { name: 'now', input_schema: { type: 'object', properties: {} } },
      ]);
      expect(body.tool_choice).toEqual(expected);
    }
  });

  it('turns parallelToolCalls=false into disable_parallel_tool_use', () => {
    expect(build({ tools: [weather], parallelToolCalls: false }).body.tool_choice).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    expect(
      build({ tools: [weather], toolChoice: 'required', parallelToolCalls: false }).body.tool_choice,
    ).toEqual({ type: 'any', disable_parallel_tool_use: true });
  });

  it('enables thinking from a budget or an effort, adding the budget on top of the answer allowance', () => {
    const budget = build({ reasoning: { budgetTokens: 2048 }, maxOutputTokens: 1000 }).body;
    expect(budget.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(budget.max_tokens).toBe(3048);
    const effort = build({ reasoning: { effort: 'medium' } }, true).body;
    expect(effort.thinking).toEqual({ type: 'enabled', budget_tokens: 8192 });
    expect(effort.max_tokens).toBe(64_000);
  });

  it('serves json_schema with a forced answer tool', () => {
    const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
    const { body } = build({ responseFormat: { type: 'json_schema', schema, name: 'person' } });
    expect(body.tools).toEqual([{ name: 'json', description: expect.any(String), input_schema: schema }]);
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'json' });
  });

  it('lets the model pick between user tools and the answer tool, and never forces it with thinking', () => {
    const schema = { type: 'object', properties: {} };
    const withTools = build({ tools: [weather], responseFormat: { type: 'json_schema', schema } }).body;
    expect(withTools.tools?.map((t) => t.name)).toEqual(['get_weather', 'json']);
    expect(withTools.tool_choice).toEqual({ type: 'any' });

    const thinking = build({
      reasoning: { budgetTokens: 1024 },
      responseFormat: { type: 'json_schema', schema },
    });
    expect(thinking.body.tool_choice).toEqual({ type: 'auto' });
    expect(thinking.warnings).toEqual([expect.objectContaining({ setting: 'responseFormat' })]);

    const clash = build({
      tools: [{ ...weather, name: 'json' }],
      responseFormat: { type: 'json_schema', schema },
    });
    expect(clash.body.tools?.map((t) => t.name)).toEqual(['json', 'json_response']);
  });

  it('refuses json_schema it cannot honour', () => {
    const forced = () =>
      build({
        tools: [weather],
        toolChoice: { type: 'tool', name: 'get_weather' },
        responseFormat: { type: 'json_schema', schema: { type: 'object' } },
      });
    const arrayRoot = () => build({ responseFormat: { type: 'json_schema', schema: { type: 'array' } } });
    for (const attempt of [forced, arrayRoot]) {
      try {
        attempt();
        expect.unreachable();
      } catch (error) {
        expect(isSwitchyardError(error) && error.kind).toBe('unsupported');
      }
    }
  });

  it('asks for JSON in the system prompt when only json mode is wanted, and says so', () => {
    const { body, warnings } = build({
      messages: [
        { role: 'system', content: 'You extract data.' },
        { role: 'user', content: 'Ann is 31' },
      ],
      responseFormat: { type: 'json' },
    });
    expect(body.system).toMatch(/^You extract data\.\n\nRespond with a single valid JSON value/);
    expect(warnings).toEqual([expect.objectContaining({ setting: 'responseFormat' })]);
  });

  it('maps metadata.user to metadata.user_id', () => {
    expect(build({ metadata: { user: 'user-42', task: 'x' } }).body.metadata).toEqual({ user_id: 'user-42' });
  });

  it('merges providerOptions: the protocol entry, then the provider id entry which wins', () => {
    const providerOptions = {
      anthropic: { service_tier: 'auto', top_k: 5 },
      'claude-eu': { service_tier: 'standard_only' },
      openai: { logprobs: true },
    };
    expect(build({ providerOptions }, false, 'claude-eu').body).toMatchObject({
      service_tier: 'standard_only',
      top_k: 5,
    });
    expect(build({ providerOptions }).body).not.toHaveProperty('logprobs');
  });
});
