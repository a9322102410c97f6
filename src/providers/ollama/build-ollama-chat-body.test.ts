import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../core/types/chat-request.js';
import { buildOllamaChatBody } from './build-ollama-chat-body.js';

const base: ChatRequest = { model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }] };

describe('buildOllamaChatBody', () => {
  it('always states stream, since the server streams when it is absent', () => {
    expect(buildOllamaChatBody('ollama', base, false).body.stream).toBe(false);
    expect(buildOllamaChatBody('ollama', base, true).body.stream).toBe(true);
    expect(buildOllamaChatBody('ollama', base, true).body).not.toHaveProperty('options');
  });

  it('puts sampling parameters under options with Ollama names', () => {
    const { body, warnings } = buildOllamaChatBody(
      'ollama',
      {
        ...base,
        temperature: 0.2,
        topP: 0.9,
        topK: 40,
        maxOutputTokens: 256,
        stop: ['END'],
        seed: 42,
        frequencyPenalty: 0.5,
        presencePenalty: 0.1,
      },
      false,
    );
    expect(body.options).toEqual({
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
      num_predict: 256,
      stop: ['END'],
      seed: 42,
      frequency_penalty: 0.5,
      presence_penalty: 0.1,
    });
    expect(warnings).toEqual([]);
  });

  it('sends tools in the function shape and json / schema formats', () => {
    const parameters = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const { body } = buildOllamaChatBody(
      'ollama',
      {
        ...base,
        tools: [{ name: 'get_weather', description: 'Current weather', parameters }],
        responseFormat: { type: 'json_schema', schema: parameters },
      },
      false,
    );
    expect(body.tools).toEqual([
      { type: 'function', function: { name: 'get_weather', description: 'Current weather', parameters } },
    ]);
    expect(body.format).toEqual(parameters);
    expect(
      buildOllamaChatBody('ollama', { ...base, responseFormat: { type: 'json' } }, false).body.format,
    ).toBe('json');
  });

  it('honours toolChoice none by offering no tools, and refuses to force a tool', () => {
    const tools = [{ name: 't', parameters: { type: 'object' } }];
    expect(
      buildOllamaChatBody('ollama', { ...base, tools, toolChoice: 'none' }, false).body.tools,
    ).toBeUndefined();
    expect(() => buildOllamaChatBody('ollama', { ...base, tools, toolChoice: 'required' }, false)).toThrow(
      expect.objectContaining({ kind: 'unsupported', feature: 'tool choice' }),
    );
  });

  it('maps reasoning options to think, warning about a budget it cannot keep', () => {
    expect(buildOllamaChatBody('ollama', { ...base, reasoning: {} }, false).body.think).toBe(true);
    expect(buildOllamaChatBody('ollama', { ...base, reasoning: { effort: 'high' } }, false).body.think).toBe(
      'high',
    );
    expect(
      buildOllamaChatBody('ollama', { ...base, reasoning: { effort: 'minimal' } }, false).body.think,
    ).toBe('low');
    expect(buildOllamaChatBody('ollama', { ...base, reasoning: { include: false } }, false).body.think).toBe(
      false,
    );
    const budget = buildOllamaChatBody('ollama', { ...base, reasoning: { budgetTokens: 1024 } }, false);
    expect(budget.body.think).toBe(true);
    expect(budget.warnings).toEqual([expect.objectContaining({ setting: 'reasoning.budgetTokens' })]);
    expect(buildOllamaChatBody('ollama', base, false).body).not.toHaveProperty('think');
  });

  it('merges providerOptions (keep_alive, options.num_ctx), provider id over protocol', () => {
    const { body } = buildOllamaChatBody(
      'gpu-box',
      {
        ...base,
        temperature: 0.1,
        providerOptions: {
          ollama: { keep_alive: '10m', options: { num_ctx: 8192 } },
          'gpu-box': { keep_alive: -1, stream: true, model: 'ignored' },
        },
      },
      false,
    );
    expect(body.keep_alive).toBe(-1);
    expect(body.options).toEqual({ temperature: 0.1, num_ctx: 8192 });
    // Passthrough cannot change what the runner relies on.
    expect(body.stream).toBe(false);
    expect(body.model).toBe('llama3.2');
  });

  it('warns that parallel tool calls cannot be turned off', () => {
    const { warnings } = buildOllamaChatBody('ollama', { ...base, parallelToolCalls: false }, false);
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'parallelToolCalls' }),
    ]);
  });
});
