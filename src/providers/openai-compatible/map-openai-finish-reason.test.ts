import { describe, expect, it } from 'vitest';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';

describe('mapOpenAIFinishReason', () => {
  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['model_length', 'length'],
    ['tool_calls', 'tool_calls'],
    ['function_call', 'tool_calls'],
    ['content_filter', 'content_filter'],
    ['error', 'error'],
    ['insufficient_system_resource', 'error'],
    ['eos', 'other'],
    ['', 'other'],
    [null, 'other'],
    [undefined, 'other'],
  ] as const)('%s -> %s', (raw, unified) => {
    expect(mapOpenAIFinishReason(raw)).toBe(unified);
  });
});
