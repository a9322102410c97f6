import { describe, expect, it } from 'vitest';
import { type ChatResult, makeUsage } from '../../core/types/chat-result.js';
import { convertToAnthropicMessage } from './convert-to-anthropic-message.js';

const base: ChatResult = {
  id: 'chatcmpl-9x',
  provider: 'openai',
  model: 'gpt-4o-mini',
  text: 'Checking.',
  toolCalls: [
    { id: 'call_a1', name: 'get_weather', arguments: '{"city":"Paris"}', input: { city: 'Paris' } },
  ],
  reasoning: '',
  finishReason: 'tool_calls',
  rawFinishReason: 'tool_calls',
  usage: makeUsage({ inputTokens: 57, outputTokens: 17, cachedInputTokens: 20, cacheWriteTokens: 5 }),
  latencyMs: 3,
  warnings: [],
};

describe('convertToAnthropicMessage', () => {
  it('builds text and tool_use blocks, the stop reason and usage without cache tokens in input_tokens', () => {
    expect(convertToAnthropicMessage(base, { model: 'openai/gpt-4o-mini' })).toEqual({
      id: 'msg_chatcmpl-9x',
      type: 'message',
      role: 'assistant',
      model: 'openai/gpt-4o-mini',
      content: [
        { type: 'text', text: 'Checking.', citations: null },
        { type: 'tool_use', id: 'call_a1', name: 'get_weather', input: { city: 'Paris' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 32,
        cache_creation_input_tokens: 5,
        cache_read_input_tokens: 20,
        output_tokens: 17,
      },
    });
  });

  it('puts signed and redacted thinking first, and plain reasoning as unsigned thinking', () => {
    const signed = convertToAnthropicMessage(
      {
        ...base,
        toolCalls: [],
        reasoning: 'a',
        reasoningParts: [
          { text: 'a', signature: 'sig' },
          { text: '', redactedData: 'opaque' },
        ],
        finishReason: 'stop',
        rawFinishReason: 'end_turn',
      },
      { model: 'm' },
    );
    expect(signed.content.slice(0, 2)).toEqual([
      { type: 'thinking', thinking: 'a', signature: 'sig' },
      { type: 'redacted_thinking', data: 'opaque' },
    ]);
    expect(signed.stop_reason).toBe('end_turn');
    const plain = convertToAnthropicMessage({ ...base, toolCalls: [], reasoning: 'r' }, { model: 'm' });
    expect(plain.content[0]).toEqual({ type: 'thinking', thinking: 'r', signature: '' });
  });
});
