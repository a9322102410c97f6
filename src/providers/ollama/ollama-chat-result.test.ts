import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapOllamaFinishReason } from './map-ollama-finish-reason.js';
import { convertOllamaChatResult } from './ollama-chat-result.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

describe('convertOllamaChatResult', () => {
  it('reads text, model and usage from prompt_eval_count / eval_count', () => {
    const result = convertOllamaChatResult('ollama', fixture('ollama-text.json'));
    expect(result).toMatchObject({
      model: 'llama3.2',
      text: 'The capital of France is Paris.',
      reasoning: '',
      toolCalls: [],
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: { inputTokens: 31, outputTokens: 8, totalTokens: 39, cachedInputTokens: 0, reasoningTokens: 0 },
    });
    expect(result.id).toMatch(/^ollama-/);
  });

  it('turns parallel tool calls into canonical calls and the finish into tool_calls', () => {
    const result = convertOllamaChatResult('ollama', fixture('ollama-tool-calls.json'));
    expect(result.finishReason).toBe('tool_calls');
    expect(result.rawFinishReason).toBe('stop');
    expect(result.toolCalls).toEqual([
      { id: 'call_n4x2l0qp', name: 'get_weather', arguments: '{"city":"Paris"}', input: { city: 'Paris' } },
      {
        id: 'call_7hq1vz3c',
        name: 'get_weather',
        arguments: '{"city":"Tokyo","unit":"celsius"}',
        input: { city: 'Tokyo', unit: 'celsius' },
      },
    ]);
  });

  it('returns JSON-schema output as text', () => {
    const result = convertOllamaChatResult('ollama', fixture('ollama-json-schema.json'));
    expect(JSON.parse(result.text)).toEqual({
      name: 'Canada',
      capital: 'Ottawa',
      languages: ['English', 'French'],
    });
  });

  it('maps length and load replies', () => {
    expect(convertOllamaChatResult('ollama', fixture('ollama-length.json')).finishReason).toBe('length');
    const load = convertOllamaChatResult('ollama', fixture('ollama-load.json'));
    expect(load).toMatchObject({ finishReason: 'other', rawFinishReason: 'load', usage: { inputTokens: 0 } });
  });

  it('rejects a body without a message', () => {
    expect(() => convertOllamaChatResult('ollama', { done: true })).toThrow(
      expect.objectContaining({ kind: 'server_error' }),
    );
  });
});

describe('mapOllamaFinishReason', () => {
  it.each([
    ['stop', false, 'stop'],
    ['stop', true, 'tool_calls'],
    ['length', false, 'length'],
    ['length', true, 'length'],
    ['load', false, 'other'],
    ['unload', false, 'other'],
    ['', false, 'other'],
    [undefined, false, 'other'],
  ] as const)('%s (tool calls seen: %s) -> %s', (raw, sawToolCalls, expected) => {
    expect(mapOllamaFinishReason(raw, sawToolCalls)).toBe(expected);
  });
});
