import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../core/types/chat-request.js';
import { buildCohereChatBody } from './build-cohere-chat-body.js';

const base: ChatRequest = { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hi' }] };
const parameters = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

describe('buildCohereChatBody', () => {
  it('maps sampling parameters to Cohere names (p, k, max_tokens, stop_sequences)', () => {
    const { body, warnings } = buildCohereChatBody(
      'cohere',
      {
        ...base,
        temperature: 0.3,
        topP: 0.75,
        topK: 50,
        maxOutputTokens: 512,
        stop: ['END'],
        seed: 7,
        frequencyPenalty: 0.2,
        presencePenalty: 0.1,
      },
      false,
    );
    expect(body).toEqual({
      model: 'command-a-03-2025',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: false,
      temperature: 0.3,
      p: 0.75,
      k: 50,
      max_tokens: 512,
      stop_sequences: ['END'],
      seed: 7,
      frequency_penalty: 0.2,
      presence_penalty: 0.1,
    });
    expect(warnings).toEqual([]);
  });

  it('sends tools in the function shape, strict_tools, and tool choices', () => {
    const tools = [
      { name: 'get_weather', description: 'Weather', parameters, strict: true },
      { name: 'get_time', parameters: { type: 'object' } },
    ];
    const { body } = buildCohereChatBody('cohere', { ...base, tools, toolChoice: 'required' }, true);
    expect(body.tools).toEqual([
      { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters } },
      { type: 'function', function: { name: 'get_time', parameters: { type: 'object' } } },
    ]);
    expect(body).toMatchObject({ strict_tools: true, tool_choice: 'REQUIRED', stream: true });
    expect(
      buildCohereChatBody('cohere', { ...base, tools, toolChoice: 'none' }, false).body.tool_choice,
    ).toBe('NONE');
    expect(
      buildCohereChatBody('cohere', { ...base, tools, toolChoice: 'auto' }, false).body,
    ).not.toHaveProperty('tool_choice');
    const named = buildCohereChatBody(
      'cohere',
      { ...base, tools, toolChoice: { type: 'tool', name: 'get_time' } },
      false,
    );
    expect(named.body.tools?.map((t) => t.function.name)).toEqual(['get_time']);
    expect(named.body.tool_choice).toBe('REQUIRED');
    expect(() =>
      buildCohereChatBody('cohere', { ...base, tools, toolChoice: { type: 'tool', name: 'nope' } }, false),
    ).toThrow(expect.objectContaining({ kind: 'unsupported', feature: 'tool choice' }));
  });

  it('maps json and json_schema response formats to json_object', () => {
    expect(
      buildCohereChatBody('cohere', { ...base, responseFormat: { type: 'json' } }, false).body
        .response_format,
    ).toEqual({ type: 'json_object' });
    expect(
      buildCohereChatBody(
        'cohere',
        { ...base, responseFormat: { type: 'json_schema', schema: parameters } },
        false,
      ).body.response_format,
    ).toEqual({ type: 'json_object', json_schema: parameters });
  });

  it('maps reasoning options to thinking', () => {
    expect(buildCohereChatBody('cohere', { ...base, reasoning: {} }, false).body.thinking).toEqual({
      type: 'enabled',
    });
    expect(
      buildCohereChatBody('cohere', { ...base, reasoning: { budgetTokens: 2048 } }, false).body.thinking,
    ).toEqual({
      type: 'enabled',
      token_budget: 2048,
    });
    expect(
      buildCohereChatBody('cohere', { ...base, reasoning: { include: false } }, false).body.thinking,
    ).toEqual({
      type: 'disabled',
    });
  });

  it('merges providerOptions without overriding model or stream, and warns on parallelToolCalls', () => {
    const { body, warnings } = buildCohereChatBody(
      'cohere',
      {
        ...base,
        parallelToolCalls: false,
        providerOptions: { cohere: { safety_mode: 'STRICT', stream: true, model: 'x' } },
      },
      false,
    );
    expect(body).toMatchObject({ safety_mode: 'STRICT', stream: false, model: 'command-a-03-2025' });
    expect(warnings).toEqual([expect.objectContaining({ setting: 'parallelToolCalls' })]);
  });
});
