import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../../core/types/chat-result.js';
import { makeUsage } from '../../core/types/chat-result.js';
import { convertToOpenAIChatResponse } from './convert-to-openai-chat-response.js';
import { convertToOpenAIEmbeddingsResponse, encodeEmbeddingBase64 } from './openai-embeddings.js';

const result: ChatResult = {
  id: 'msg_01XF',
  provider: 'anthropic',
  model: 'claude-sonnet-4-5-20250929',
  text: '',
  toolCalls: [
    { id: 'toolu_01A', name: 'get_weather', arguments: '{"city":"Paris"}', input: { city: 'Paris' } },
  ],
  reasoning: 'Call the tool.',
  finishReason: 'tool_calls',
  rawFinishReason: 'tool_use',
  usage: makeUsage({
    inputTokens: 412,
    outputTokens: 48,
    cachedInputTokens: 100,
    cacheWriteTokens: 12,
    reasoningTokens: 20,
  }),
  latencyMs: 5,
  warnings: [],
};

describe('convertToOpenAIChatResponse', () => {
  it('builds a chat.completion with null content beside tool calls, reasoning and full usage', () => {
    expect(
      convertToOpenAIChatResponse(result, { model: 'anthropic/claude-sonnet-4-5', created: 1735689600 }),
    ).toEqual({
      id: 'chatcmpl-msg_01XF',
      object: 'chat.completion',
      created: 1735689600,
      model: 'anthropic/claude-sonnet-4-5',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            refusal: null,
            tool_calls: [
              {
                id: 'toolu_01A',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
              },
            ],
            reasoning_content: 'Call the tool.',
          },
          finish_reason: 'tool_calls',
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: 412,
        completion_tokens: 48,
        total_tokens: 460,
        prompt_tokens_details: { cached_tokens: 100, cache_write_tokens: 12 },
        completion_tokens_details: { reasoning_tokens: 20 },
      },
    });
  });

  it('keeps an OpenAI id and gives empty text as an empty string', () => {
    const plain = {
      ...result,
      id: 'chatcmpl-abc',
      toolCalls: [],
      reasoning: '',
      finishReason: 'length' as const,
    };
    const body = convertToOpenAIChatResponse(plain, { model: 'm', created: 0 });
    expect(body.id).toBe('chatcmpl-abc');
    expect(body.choices[0].message).toEqual({ role: 'assistant', content: '', refusal: null });
    expect(body.choices[0].finish_reason).toBe('length');
  });
});

describe('embeddings response', () => {
  it('encodes base64 as little-endian float32, the bytes the SDKs decode', () => {
    const vector = [0.5, -1.25, 3.0000001];
    const bytes = Buffer.from(encodeEmbeddingBase64(vector), 'base64');
    expect(bytes.length).toBe(12);
    expect([bytes.readFloatLE(0), bytes.readFloatLE(4), bytes.readFloatLE(8)]).toEqual([
      0.5,
      -1.25,
      Math.fround(3.0000001),
    ]);
    const body = convertToOpenAIEmbeddingsResponse(
      {
        provider: 'p',
        model: 'e',
        embeddings: [vector],
        usage: { inputTokens: 3 },
        latencyMs: 1,
        warnings: [],
      },
      { model: 'p/e', encoding: 'float' },
    );
    expect(body).toEqual({
      object: 'list',
      model: 'p/e',
      data: [{ object: 'embedding', index: 0, embedding: vector }],
      usage: { prompt_tokens: 3, total_tokens: 3 },
    });
  });
});
