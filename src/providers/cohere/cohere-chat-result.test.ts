import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertCohereChatResult } from './cohere-chat-result.js';
import { convertCohereUsage } from './convert-cohere-usage.js';
import { mapCohereFinishReason } from './map-cohere-finish-reason.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

describe('convertCohereChatResult', () => {
  it('reads text, id, and raw token counts (cached included in input)', () => {
    expect(convertCohereChatResult('cohere', fixture('cohere-text.json'), 'command-a-03-2025')).toEqual({
      id: '5a50480a-cf52-46f0-af01-53d18539bd31',
      model: 'command-a-03-2025',
      text: 'The capital of France is Paris.',
      reasoning: '',
      toolCalls: [],
      finishReason: 'stop',
      rawFinishReason: 'COMPLETE',
      usage: {
        inputTokens: 504,
        outputTokens: 10,
        cachedInputTokens: 448,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        totalTokens: 514,
      },
    });
  });

  it('returns parallel tool calls and leaves the tool plan out of the text', () => {
    const result = convertCohereChatResult('cohere', fixture('cohere-tool-calls.json'));
    expect(result.finishReason).toBe('tool_calls');
    expect(result.text).toBe('');
    expect(result.toolCalls).toEqual([
      {
        id: 'get_weather_k7r8x2bn9q1d',
        name: 'get_weather',
        arguments: '{"city":"Paris"}',
        input: { city: 'Paris' },
      },
      {
        id: 'get_weather_3mz0a8wv4t6e',
        name: 'get_weather',
        arguments: '{"city":"Tokyo"}',
        input: { city: 'Tokyo' },
      },
    ]);
  });

  it('returns JSON-schema output as text and maps MAX_TOKENS', () => {
    expect(JSON.parse(convertCohereChatResult('cohere', fixture('cohere-json-schema.json')).text)).toEqual({
      name: 'Canada',
      capital: 'Ottawa',
    });
    expect(convertCohereChatResult('cohere', fixture('cohere-max-tokens.json'))).toMatchObject({
      finishReason: 'length',
      rawFinishReason: 'MAX_TOKENS',
      usage: { inputTokens: 500, cachedInputTokens: 448, outputTokens: 5 },
    });
  });

  it('reads thinking content as reasoning and warns on bad tool arguments', () => {
    const result = convertCohereChatResult('cohere', {
      id: 'r1',
      finish_reason: 'TOOL_CALL',
      message: {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Hmm.' },
          { type: 'text', text: 'Calling.' },
        ],
        tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: '{"a":' } }],
      },
    });
    expect(result).toMatchObject({ reasoning: 'Hmm.', text: 'Calling.', usage: { totalTokens: 0 } });
    expect(result.toolCalls[0]!.input).toBeUndefined();
    expect(result.warnings).toEqual([expect.objectContaining({ type: 'invalid-tool-arguments' })]);
  });

  it('rejects a body without a message', () => {
    expect(() => convertCohereChatResult('cohere', { id: 'x' })).toThrow(/no message/);
  });
});

describe('mapCohereFinishReason', () => {
  it.each([
    ['COMPLETE', 'stop'],
    ['STOP_SEQUENCE', 'stop'],
    ['MAX_TOKENS', 'length'],
    ['TOOL_CALL', 'tool_calls'],
    ['ERROR', 'error'],
    ['TIMEOUT', 'error'],
    ['SOMETHING_NEW', 'other'],
    [undefined, 'other'],
  ] as const)('%s -> %s', (raw, expected) => {
    expect(mapCohereFinishReason(raw)).toBe(expected);
  });
});

describe('convertCohereUsage', () => {
  it('falls back to billed units when raw counts are absent', () => {
    expect(convertCohereUsage({ billed_units: { input_tokens: 3, output_tokens: 4 } })).toMatchObject({
      inputTokens: 3,
      outputTokens: 4,
      totalTokens: 7,
    });
    expect(convertCohereUsage(undefined).totalTokens).toBe(0);
  });
});
