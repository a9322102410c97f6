import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import { decodeRecordedStream, splitsAtEveryOffset } from '../decode-recorded-stream.js';
import { chunkLines, sseBytes } from './__fixtures__/load-anthropic-fixture.js';
import { createAnthropicCodec } from './anthropic-codec.js';

const codec = createAnthropicCodec({ providerId: 'anthropic', baseUrl: 'http://127.0.0.1:1' });
const request: ChatRequest = { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hi' }] };
const decode = (bytes: Uint8Array, req: ChatRequest = request) => decodeRecordedStream(codec, req, [bytes]);
const types = (events: StreamEvent[]) => events.map((e) => e.type);
const text = (events: StreamEvent[]) => events.map((e) => (e.type === 'text-delta' ? e.text : '')).join('');
const last = (events: StreamEvent[]) => events[events.length - 1]!;

describe('AnthropicStreamDecoder', () => {
  it('decodes a text stream, ignoring ping, with start, usage and finish', async () => {
    const events = await decode(sseBytes('anthropic-text'));
    expect(types(events)).toEqual([
      'start',
      'text-delta',
      'text-delta',
      'text-delta',
      'text-delta',
      'usage',
      'finish',
    ]);
    expect(events[0]).toEqual({
      type: 'start',
      id: 'msg_01HkZ3m9R2wVQx7cYpLtNbAe',
      model: 'claude-sonnet-4-5-20250929',
      provider: 'anthropic',
      warnings: [],
    });
    expect(text(events)).toBe('925 ÷ 5 = 185. Sunny day 🌤');
    expect(last(events)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      rawFinishReason: 'end_turn',
      usage: { inputTokens: 14, outputTokens: 17, totalTokens: 31 },
    });
  });

  it.each([
    'anthropic-text',
    'anthropic-parallel-tools',
    'anthropic-thinking',
    'anthropic-json-tool',
    'anthropic-overloaded-mid-stream',
  ])('gives identical events for %s split at every byte offset', async (name) => {
    const bytes = sseBytes(name);
    const whole = await decode(bytes);
    for (const chunks of splitsAtEveryOffset(bytes)) {
      expect(await decodeRecordedStream(codec, request, chunks)).toEqual(whole);
    }
  });

  it('streams parallel tool calls as deltas and emits each whole call at content_block_stop', async () => {
    const events = await decode(sseBytes('anthropic-parallel-tools'));
    const deltas = events.filter((e) => e.type === 'tool-call-delta');
    expect(deltas[0]).toEqual({
      type: 'tool-call-delta',
      index: 0,
      id: 'toolu_01Ni1uw4HXYxUhc4iFMqx7yY',
      name: 'get_weather',
      argumentsDelta: '',
    });
    expect(
      deltas
        .filter((d) => d.index === 1)
        .map((d) => d.argumentsDelta)
        .join(''),
    ).toBe('{"city": "Zürich"}');
    const calls = events.filter((e) => e.type === 'tool-call');
    expect(calls).toEqual([
      {
        type: 'tool-call',
        index: 0,
        toolCall: {
          id: 'toolu_01Ni1uw4HXYxUhc4iFMqx7yY',
          name: 'get_weather',
          arguments: '{"city": "San Francisco"}',
          input: { city: 'San Francisco' },
        },
      },
      {
        type: 'tool-call',
        index: 1,
        toolCall: {
          id: 'toolu_01W3ZqF8kH2bYv5DnTmXcRpL',
          name: 'get_weather',
          arguments: '{"city": "Zürich"}',
          input: { city: 'Zürich' },
        },
      },
    ]);
    // Each call is complete before the next block starts.
    const firstCall = events.findIndex((e) => e.type === 'tool-call');
    const secondStart = events.findIndex((e) => e.type === 'tool-call-delta' && e.index === 1);
    expect(firstCall).toBeLessThan(secondStart);
    expect(text(events)).toBe("I'll check both cities.");
    expect(last(events)).toMatchObject({ finishReason: 'tool_calls', rawFinishReason: 'tool_use' });
  });

  it('streams thinking as reasoning deltas closed by the signature', async () => {
    const events = await decode(sseBytes('anthropic-thinking'));
    const reasoning = events.filter((e) => e.type === 'reasoning-delta');
    expect(reasoning.map((e) => e.text).join('')).toBe('The previous result was 925. 925 ÷ 5 = 185');
    expect(reasoning[reasoning.length - 1]).toEqual({
      type: 'reasoning-delta',
      text: '',
      signature: expect.stringMatching(/^EvQBCkYI/),
    });
    expect(text(events)).toBe('925 ÷ 5 = 185');
  });

  it('streams the JSON answer tool of a json_schema request as text', async () => {
    const schemaRequest: ChatRequest = {
      ...request,
      responseFormat: { type: 'json_schema', schema: { type: 'object' } },
    };
    const events = await decode(sseBytes('anthropic-json-tool'), schemaRequest);
    expect(JSON.parse(text(events))).toEqual({ elements: [{ location: 'San Francisco', temperature: -5 }] });
    expect(events.some((e) => e.type === 'tool-call')).toBe(false);
    expect(last(events)).toMatchObject({ finishReason: 'stop', rawFinishReason: 'tool_use' });
  });

  it('takes cumulative usage from message_delta over message_start', async () => {
    const events = await decode(sseBytes('anthropic-cache-usage'));
    expect(last(events)).toMatchObject({
      type: 'finish',
      finishReason: 'length',
      usage: {
        inputTokens: 21 + 188 + 4096,
        outputTokens: 8,
        cachedInputTokens: 4096,
        cacheWriteTokens: 188,
      },
    });
  });

  it('finishes a refused stream with content_filter', async () => {
    const events = await decode(sseBytes('anthropic-refusal'));
    expect(last(events)).toMatchObject({
      type: 'finish',
      finishReason: 'content_filter',
      rawFinishReason: 'refusal',
    });
  });

  it('ends with a retryable overloaded error when the API sends event: error after a 200', async () => {
    const events = await decode(sseBytes('anthropic-overloaded-mid-stream'));
    expect(types(events)).toEqual(['start', 'text-delta', 'error']);
    const end = last(events);
    expect(end.type === 'error' && end.error).toMatchObject({ kind: 'overloaded', retryable: true });
  });

  it('ends with a network error, never a finish, when the connection closes before message_stop', async () => {
    const lines = chunkLines('anthropic-text');
    const truncated = lines
      .slice(0, -2)
      .map((line) => `event: ${JSON.parse(line).type}\ndata: ${line}\n\n`)
      .join('');
    const events = await decode(new TextEncoder().encode(truncated));
    expect(types(events).includes('finish')).toBe(false);
    const end = last(events);
    expect(end.type === 'error' && end.error).toMatchObject({ kind: 'network', retryable: true });
    expect(end.type === 'error' && end.error.message).toContain('message_stop');
  });

  it('ignores events the SDK ignores and turns unparsable data into an error', async () => {
    const frames =
      'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","model":"m","usage":{"input_tokens":1}}}\n\n' +
      'event: some_future_event\ndata: {"type":"some_future_event"}\n\n' +
      'event: content_block_delta\ndata: {not json\n\n';
    const events = await decode(new TextEncoder().encode(frames));
    expect(types(events)).toEqual(['start', 'error']);
  });

  it('still emits start first when a proxy dropped message_start', async () => {
    const frames = chunkLines('anthropic-text')
      .slice(1)
      .map((line) => `event: ${JSON.parse(line).type}\ndata: ${line}\n\n`)
      .join('');
    const events = await decode(new TextEncoder().encode(frames));
    expect(events[0]).toMatchObject({ type: 'start', id: '', model: 'claude-sonnet-4-5' });
    expect(last(events)).toMatchObject({ type: 'finish', finishReason: 'stop' });
  });

  it('passes redacted thinking on as a reasoning part of its own', async () => {
    const frames = [
      {
        type: 'message_start',
        message: { id: 'msg_1', model: 'm', usage: { input_tokens: 3, output_tokens: 1 } },
      },
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'redacted_thinking', data: 'EmwKAhgB' },
      },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 9 },
      },
      { type: 'message_stop' },
    ]
      .map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)
      .join('');
    const events = await decode(new TextEncoder().encode(frames));
    expect(events[1]).toEqual({ type: 'reasoning-delta', text: '', redactedData: 'EmwKAhgB' });
    expect(last(events)).toMatchObject({ type: 'finish', finishReason: 'stop' });
  });
});
