import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import { decodeRecordedStream, splitsAtEveryOffset, sseFramesFromLines } from '../decode-recorded-stream.js';
import { fixtureLines } from './__fixtures__/load-fixture.js';
import { createOpenAICompatibleProvider } from './create-openai-compatible-provider.js';

const request: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] };
const codec = createOpenAICompatibleProvider({
  id: 'openai',
  baseUrl: 'http://127.0.0.1:1/v1',
  apiKey: 'sk-test-0123456789',
}).codec;

const bytesOf = (name: string) => new TextEncoder().encode(sseFramesFromLines(fixtureLines(name)));
const decode = (name: string) => decodeRecordedStream(codec, request, [bytesOf(name)]);
const types = (events: StreamEvent[]) => events.map((e) => e.type);
const text = (events: StreamEvent[]) => events.map((e) => (e.type === 'text-delta' ? e.text : '')).join('');

describe('OpenAIStreamDecoder', () => {
  it('decodes a text stream: start, deltas, usage chunk, finish only at [DONE]', async () => {
    const events = await decode('openai-text');
    expect(events[0]).toEqual({
      type: 'start',
      id: 'chatcmpl-CdX5a9Yk2NfQm7RrLpVt1uWx3ZbE',
      model: 'gpt-4.1-nano-2025-04-14',
      provider: 'openai',
      warnings: [],
    });
    expect(text(events)).toBe('Bonjour! Le café est prêt ☕.');
    expect(types(events).slice(-2)).toEqual(['usage', 'finish']);
    expect(events.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: expect.objectContaining({ inputTokens: 19, outputTokens: 10, totalTokens: 29 }),
    });
  });

  it('gives identical events whichever byte the stream is split at (multi-byte UTF-8 included)', async () => {
    for (const name of ['openai-text', 'openai-parallel-tool-calls', 'deepseek-reasoning']) {
      const bytes = bytesOf(name);
      const whole = await decodeRecordedStream(codec, request, [bytes]);
      for (const chunks of splitsAtEveryOffset(bytes)) {
        expect(await decodeRecordedStream(codec, request, chunks)).toEqual(whole);
      }
    }
  });

  it('assembles interleaved parallel tool calls by index and emits them at the finish reason', async () => {
    const events = await decode('openai-parallel-tool-calls');
    const deltas = events.filter((e) => e.type === 'tool-call-delta');
    expect(deltas[0]).toEqual({
      type: 'tool-call-delta',
      index: 0,
      id: 'call_Wq8vKXNpb2T3dH1sYj6mRz0A',
      name: 'get_weather',
      argumentsDelta: '',
    });
    expect(deltas.map((d) => d.index)).toEqual([0, 0, 1, 0, 1, 1]);
    const calls = events.filter((e) => e.type === 'tool-call');
    expect(calls).toEqual([
      {
        type: 'tool-call',
        index: 0,
        toolCall: {
          id: 'call_Wq8vKXNpb2T3dH1sYj6mRz0A',
          name: 'get_weather',
          arguments: '{"city": "Paris"}',
          input: { city: 'Paris' },
        },
      },
      {
        type: 'tool-call',
        index: 1,
        toolCall: {
          id: 'call_Lm3pQr7sTu1vWx5yZa9bCd2E',
          name: 'get_time',
          arguments: '{"timezone": "Europe/Paris"}',
          input: { timezone: 'Europe/Paris' },
        },
      },
    ]);
    // The calls come before the usage chunk and the finish.
    expect(types(events).slice(-4)).toEqual(['tool-call', 'tool-call', 'usage', 'finish']);
    expect(events.at(-1)).toMatchObject({
      finishReason: 'tool_calls',
      usage: { inputTokens: 84, outputTokens: 47 },
    });
  });

  it('decodes DeepSeek reasoning_content before content, with usage on the finish chunk', async () => {
    const events = await decode('deepseek-reasoning');
    const reasoning = events.map((e) => (e.type === 'reasoning-delta' ? e.text : '')).join('');
    expect(reasoning).toBe("Count the r's: three.");
    expect(text(events)).toBe("There are 3 r's in “strawberry”.");
    const firstText = types(events).indexOf('text-delta');
    expect(types(events).lastIndexOf('reasoning-delta')).toBeLessThan(firstText);
    expect(events.at(-1)).toMatchObject({
      type: 'finish',
      usage: { inputTokens: 97, cachedInputTokens: 64, reasoningTokens: 88, outputTokens: 106 },
    });
  });

  it('reads Groq usage from x_groq and a tool call sent whole', async () => {
    const events = await decode('groq-tool-call');
    expect(events.find((e) => e.type === 'tool-call')).toMatchObject({
      toolCall: { id: 'tk85n1k4m', name: 'weather', input: { location: 'Berlin' } },
    });
    expect(events.at(-1)).toMatchObject({
      finishReason: 'tool_calls',
      usage: { inputTokens: 210, outputTokens: 15 },
    });
  });

  it('turns `data: {"error":...}` after a 200 into an error event, not a finish', async () => {
    const events = await decode('openai-in-stream-error');
    expect(types(events)).toEqual(['start', 'text-delta', 'error']);
    const last = events.at(-1);
    expect(last?.type === 'error' && last.error.kind).toBe('server_error');
    expect(last?.type === 'error' && last.error.retryable).toBe(true);
  });

  it('reports a connection closed before [DONE] as a network error', async () => {
    const lines = fixtureLines('openai-text').filter((line) => line !== '[DONE]');
    const events = await decodeRecordedStream(codec, request, [
      new TextEncoder().encode(sseFramesFromLines(lines)),
    ]);
    expect(types(events)).not.toContain('finish');
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'network' } });
  });

  it('ignores keep-alive comments and reports a chunk that is not JSON', async () => {
    const keepAlive = `: OPENROUTER PROCESSING\n\n${sseFramesFromLines(fixtureLines('openai-text'))}`;
    const events = await decodeRecordedStream(codec, request, [new TextEncoder().encode(keepAlive)]);
    expect(events.at(-1)?.type).toBe('finish');
    const broken = await decodeRecordedStream(codec, request, [new TextEncoder().encode('data: {"id":\n\n')]);
    expect(broken).toEqual([{ type: 'error', error: expect.objectContaining({ kind: 'server_error' }) }]);
  });

  it('maps OpenRouter in-stream errors with a numeric code and DeepSeek resource exhaustion', async () => {
    const openrouter = sseFramesFromLines([
      '{"id":"gen-1","object":"chat.completion.chunk","model":"x","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}',
      '{"id":"gen-1","object":"chat.completion.chunk","error":{"code":502,"message":"Provider returned error"},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}',
    ]);
    const events = await decodeRecordedStream(codec, request, [new TextEncoder().encode(openrouter)]);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'overloaded', status: 502 } });
    const deepseek = sseFramesFromLines([
      '{"id":"d1","object":"chat.completion.chunk","model":"deepseek-chat","choices":[{"index":0,"delta":{"content":"Par"},"finish_reason":null}]}',
      '{"id":"d1","object":"chat.completion.chunk","model":"deepseek-chat","choices":[{"index":0,"delta":{"content":""},"finish_reason":"insufficient_system_resource"}]}',
      '[DONE]',
    ]);
    const finished = await decodeRecordedStream(codec, request, [new TextEncoder().encode(deepseek)]);
    expect(finished.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'error',
      rawFinishReason: 'insufficient_system_resource',
    });
  });
});

describe('OpenAIStreamDecoder with provider variants', () => {
  it('starts on an Azure prompt-filter chunk (no choices, empty model) and reads refusals', async () => {
    const azure = sseFramesFromLines([
      '{"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}}}]}',
      '{"choices":[{"content_filter_results":{},"delta":{"content":"","refusal":null,"role":"assistant"},"finish_reason":null,"index":0,"logprobs":null}],"created":1763712010,"id":"chatcmpl-az1","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_ee1d74bde0"}',
      '{"choices":[{"content_filter_results":{},"delta":{"refusal":"I can\'t help with that."},"finish_reason":null,"index":0,"logprobs":null}],"created":1763712010,"id":"chatcmpl-az1","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_ee1d74bde0"}',
      '{"choices":[{"content_filter_results":{},"delta":{},"finish_reason":"stop","index":0,"logprobs":null}],"created":1763712010,"id":"chatcmpl-az1","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_ee1d74bde0"}',
      '[DONE]',
    ]);
    const events = await decodeRecordedStream(codec, request, [new TextEncoder().encode(azure)]);
    expect(events[0]).toMatchObject({ type: 'start', model: 'gpt-4o-mini' });
    expect(text(events)).toBe("I can't help with that.");
    expect(events.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'content_filter',
      rawFinishReason: 'stop',
    });
  });
});
