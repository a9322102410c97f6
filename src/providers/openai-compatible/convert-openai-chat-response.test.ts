import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load-fixture.js';
import { convertOpenAIChatResponse } from './convert-openai-chat-response.js';

const convert = (name: string, provider = 'openai') =>
  convertOpenAIChatResponse(fixtureJson(name), { provider, model: 'requested', requestId: 'req_1' });

describe('convertOpenAIChatResponse', () => {
  it('reads a text answer with its usage and request id', () => {
    expect(convert('openai-text')).toEqual({
      id: 'chatcmpl-CdX4f0qM9sWcBq1zTRYwz8pLk3vHa',
      model: 'gpt-4.1-nano-2025-04-14',
      text: 'Bonjour! Le café est prêt ☕.',
      toolCalls: [],
      reasoning: '',
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: {
        inputTokens: 19,
        outputTokens: 10,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        totalTokens: 29,
      },
      requestId: 'req_1',
    });
  });

  it('reads parallel tool calls with parsed arguments', () => {
    const result = convert('openai-parallel-tool-calls');
    expect(result.text).toBe('');
    expect(result.finishReason).toBe('tool_calls');
    expect(result.toolCalls).toEqual([
      {
        id: 'call_Wq8vKXNpb2T3dH1sYj6mRz0A',
        name: 'get_weather',
        arguments: '{"city": "Paris"}',
        input: { city: 'Paris' },
      },
      {
        id: 'call_Lm3pQr7sTu1vWx5yZa9bCd2E',
        name: 'get_time',
        arguments: '{"timezone": "Europe/Paris"}',
        input: { timezone: 'Europe/Paris' },
      },
    ]);
  });

  it('returns JSON-schema output as text the caller can parse', () => {
    expect(JSON.parse(convert('openai-json-schema').text)).toEqual({
      name: 'Ada Lovelace',
      born: 1815,
      fields: ['mathematics', 'computing'],
    });
  });

  it('counts cached and reasoning tokens as subsets of input and output', () => {
    const result = convert('openai-reasoning-usage');
    expect(result.finishReason).toBe('length');
    expect(result.usage).toEqual({
      inputTokens: 2006,
      outputTokens: 300,
      cachedInputTokens: 1920,
      cacheWriteTokens: 0,
      reasoningTokens: 256,
      totalTokens: 2306,
    });
  });

  it('reads DeepSeek reasoning_content and cache hits', () => {
    const result = convert('deepseek-reasoning', 'deepseek');
    expect(result.reasoning).toBe('Count the letters: s-t-r-a-w-b-e-r-r-y. r appears three times.');
    expect(result.text).toBe("There are 3 r's in “strawberry”.");
    expect(result.usage).toMatchObject({ inputTokens: 97, cachedInputTokens: 64, reasoningTokens: 88 });
  });

  it('reads OpenRouter `reasoning` and cache writes', () => {
    const result = convert('openrouter-reasoning', 'openrouter');
    expect(result.reasoning).toBe('The user asks for the capital of France.');
    expect(result.usage).toMatchObject({ inputTokens: 1520, cacheWriteTokens: 1500, reasoningTokens: 24 });
  });

  it('reads Mistral thinking parts, object arguments, and warns on broken JSON arguments', () => {
    const result = convertOpenAIChatResponse(
      {
        id: 'm1',
        model: 'magistral-small-latest',
        choices: [
          {
            index: 0,
            finish_reason: 'tool_calls',
            message: {
              role: 'assistant',
              content: [
                { type: 'thinking', thinking: [{ type: 'text', text: 'Hmm.' }] },
                { type: 'text', text: 'Calling.' },
              ],
              tool_calls: [
                { id: 'abcDEF123', function: { name: 'a', arguments: { x: 1 } } },
                { id: 'ghiJKL456', function: { name: 'b', arguments: '{"x":' } },
              ],
            },
          },
        ],
      },
      { provider: 'mistral', model: 'requested' },
    );
    expect(result.reasoning).toBe('Hmm.');
    expect(result.text).toBe('Calling.');
    expect(result.toolCalls[0]).toMatchObject({ arguments: '{"x":1}', input: { x: 1 } });
    expect(result.toolCalls[1]!.input).toBeUndefined();
    expect(result.warnings).toEqual([expect.objectContaining({ type: 'invalid-tool-arguments' })]);
  });

  it('fails clearly on a body without choices', () => {
    expect(() => convertOpenAIChatResponse({ id: 'x', choices: [] }, { provider: 'p', model: 'm' })).toThrow(
      expect.objectContaining({ kind: 'server_error' }),
    );
  });
});

describe('refusals', () => {
  it('reports a refusal as its text with a content_filter finish, keeping the raw reason', () => {
    const result = convertOpenAIChatResponse(
      {
        id: 'chatcmpl-r',
        model: 'gpt-4o-2024-08-06',
        choices: [
          {
            index: 0,
            finish_reason: 'stop',
            message: { role: 'assistant', content: null, refusal: "I'm sorry, I can't help with that." },
          },
        ],
      },
      { provider: 'openai', model: 'gpt-4o' },
    );
    expect(result).toMatchObject({
      text: "I'm sorry, I can't help with that.",
      finishReason: 'content_filter',
      rawFinishReason: 'stop',
    });
  });
});
