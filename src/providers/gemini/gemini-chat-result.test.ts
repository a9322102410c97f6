import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headerLookup } from '../../core/errors/retry-hints.js';
import { convertGeminiUsage } from './convert-gemini-usage.js';
import { geminiChatResult } from './gemini-chat-result.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const result = (name: string) => geminiChatResult(fixture(name), headerLookup({}), 'requested-model');

describe('geminiChatResult', () => {
  it('reads a text response with its id, model version and usage', () => {
    const r = result('text.json');
    expect(r).toMatchObject({
      id: 'k2xRaP-3BqTWnvgPzNeQ6AM',
      model: 'gemini-2.0-flash',
      text: 'Paris is 18 °C and sunny ☀️ today.',
      toolCalls: [],
      reasoning: '',
      finishReason: 'stop',
      rawFinishReason: 'STOP',
    });
    expect(r.usage).toMatchObject({ inputTokens: 9, outputTokens: 11, totalTokens: 20 });
  });

  it('reads parallel function calls with stable ids and the signature on the first', () => {
    const r = result('parallel-function-calls.json');
    expect(r.finishReason).toBe('tool_calls');
    expect(r.rawFinishReason).toBe('STOP');
    expect(r.toolCalls).toEqual([
      {
        id: 'call_0',
        name: 'get_weather',
        arguments: '{"city":"Paris"}',
        input: { city: 'Paris' },
        signature:
          'CiQBVKhc7n3GRkl1uEvMmtAaHmwVQmRV0gChGdLQ06QzrNQ3twsKZwFUqFzuHEvJz0k8L52qB2fVhsu9vhPGVF1Tf3sfOGFEVKFNwyhc',
      },
      { id: 'call_1', name: 'get_weather', arguments: '{"city":"Rome"}', input: { city: 'Rome' } },
    ]);
  });

  it('returns JSON-mode output as text', () => {
    expect(JSON.parse(result('json-schema-output.json').text)).toEqual({ city: 'Paris', temperature_c: 18 });
  });

  it('separates thought parts, keeps the text signature, and counts cached and thought tokens once', () => {
    const r = result('thoughts-cached.json');
    expect(r.text).toBe('There are **3** "r"s in strawberry.');
    expect(r.reasoning).toBe('**Counting letters**\n\nI will spell the word and count each r.');
    expect(r.reasoningParts).toEqual([
      { text: '**Counting letters**\n\nI will spell the word and count each r.' },
      {
        text: '',
        signature: 'EvsFCvgFAb4+9vtgYAdOcxMwBr9AOT6XX6Pz5SYAd9gXb/bmH4iLHlJ/3D3xudRmJGM9BBxdQZ1WGuRdZJ2C',
      },
    ]);
    // promptTokenCount (2150) already includes the 2048 cached; output = 29 candidates + 282 thoughts.
    expect(r.usage).toEqual({
      inputTokens: 2150,
      outputTokens: 311,
      cachedInputTokens: 2048,
      cacheWriteTokens: 0,
      reasoningTokens: 282,
      totalTokens: 2461,
    });
  });

  it('reports a blocked prompt (no candidates) as content_filter with the block reason', () => {
    const r = result('prompt-blocked.json');
    expect(r).toMatchObject({
      text: '',
      finishReason: 'content_filter',
      rawFinishReason: 'PROHIBITED_CONTENT',
    });
    expect(r.usage.inputTokens).toBe(9);
  });
});

describe('convertGeminiUsage', () => {
  it('adds tool-use prompt tokens to input and thoughts to output, nothing twice', () => {
    expect(
      convertGeminiUsage({
        promptTokenCount: 100,
        cachedContentTokenCount: 60,
        toolUsePromptTokenCount: 20,
        candidatesTokenCount: 10,
        thoughtsTokenCount: 5,
        totalTokenCount: 135,
      }),
    ).toEqual({
      inputTokens: 120,
      outputTokens: 15,
      cachedInputTokens: 60,
      cacheWriteTokens: 0,
      reasoningTokens: 5,
      totalTokens: 135,
    });
    expect(convertGeminiUsage(undefined).totalTokens).toBe(0);
  });
});

describe('mapGeminiFinishReason', () => {
  it.each([
    ['STOP', false, 'stop'],
    ['STOP', true, 'tool_calls'],
    ['MAX_TOKENS', false, 'length'],
    ['SAFETY', false, 'content_filter'],
    ['RECITATION', false, 'content_filter'],
    ['BLOCKLIST', false, 'content_filter'],
    ['PROHIBITED_CONTENT', false, 'content_filter'],
    ['SPII', false, 'content_filter'],
    ['IMAGE_SAFETY', false, 'content_filter'],
    ['IMAGE_PROHIBITED_CONTENT', false, 'content_filter'],
    ['IMAGE_RECITATION', false, 'content_filter'],
    ['MALFORMED_FUNCTION_CALL', false, 'error'],
    ['UNEXPECTED_TOOL_CALL', false, 'error'],
    ['TOO_MANY_TOOL_CALLS', true, 'error'],
    ['LANGUAGE', false, 'other'],
    ['OTHER', false, 'other'],
    ['FINISH_REASON_UNSPECIFIED', false, 'other'],
    ['NO_IMAGE', false, 'other'],
    ['IMAGE_OTHER', false, 'other'],
    ['CONTINUATION', false, 'other'],
    ['SOMETHING_NEW', false, 'other'],
  ] as const)('%s (function calls: %s) -> %s', (raw, calls, unified) => {
    expect(mapGeminiFinishReason(raw, calls)).toBe(unified);
  });
});
