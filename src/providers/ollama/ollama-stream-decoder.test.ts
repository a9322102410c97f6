import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import { decodeRecordedStream, splitsAtEveryOffset } from '../decode-recorded-stream.js';
import { createOllamaCodec } from './ollama-codec.js';

const codec = createOllamaCodec({ id: 'ollama', baseUrl: 'http://127.0.0.1:11434' });
const request: ChatRequest = { model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }] };
const bytes = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url));

/** Ids are generated per stream; blank them so splits can be compared. */
function comparable(events: StreamEvent[]): unknown[] {
  return events.map((e) => (e.type === 'start' ? { ...e, id: 'x' } : e));
}

function text(events: StreamEvent[]): string {
  return events.map((e) => (e.type === 'text-delta' ? e.text : '')).join('');
}

describe('Ollama stream decoder', () => {
  it('decodes text (with multi-byte characters) identically at every split', async () => {
    const recorded = bytes('ollama-text.chunks.txt');
    const whole = await decodeRecordedStream(codec, request, [recorded]);
    expect(whole[0]).toMatchObject({ type: 'start', model: 'llama3.2', provider: 'ollama' });
    expect(text(whole)).toBe('Café in Paris ☕');
    expect(whole.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: expect.objectContaining({ inputTokens: 26, outputTokens: 4, totalTokens: 30 }),
    });
    for (const chunks of splitsAtEveryOffset(recorded)) {
      expect(comparable(await decodeRecordedStream(codec, request, chunks))).toEqual(comparable(whole));
    }
  });

  it('emits whole tool calls with generated ids and finishes with tool_calls', async () => {
    const recorded = bytes('ollama-tool-calls.chunks.txt');
    const events = await decodeRecordedStream(codec, request, [recorded]);
    const calls = events.filter((e) => e.type === 'tool-call');
    expect(calls).toEqual([
      {
        type: 'tool-call',
        index: 0,
        toolCall: expect.objectContaining({ name: 'get_weather', input: { city: 'Paris' } }),
      },
      {
        type: 'tool-call',
        index: 1,
        toolCall: expect.objectContaining({ name: 'get_time', arguments: '{"timezone":"Europe/Paris"}' }),
      },
    ]);
    const ids = calls.map((c) => (c.type === 'tool-call' ? c.toolCall.id : ''));
    expect(ids[0]).toMatch(/^call_/);
    expect(new Set(ids).size).toBe(2);
    expect(events.filter((e) => e.type === 'tool-call-delta')).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'tool_calls',
      rawFinishReason: 'stop',
    });
    for (const chunks of splitsAtEveryOffset(recorded)) {
      const split = await decodeRecordedStream(codec, request, chunks);
      expect(split.map((e) => e.type)).toEqual(events.map((e) => e.type));
    }
  });

  it('turns thinking into reasoning deltas before the text', async () => {
    const events = await decodeRecordedStream(codec, request, [bytes('ollama-thinking.chunks.txt')]);
    expect(events.map((e) => e.type)).toEqual([
      'start',
      'reasoning-delta',
      'reasoning-delta',
      'text-delta',
      'text-delta',
      'finish',
    ]);
    const reasoning = events.map((e) => (e.type === 'reasoning-delta' ? e.text : '')).join('');
    expect(reasoning).toBe('The user wants 2+2.');
  });

  it('ends with an error event on an {"error"} line after the 200', async () => {
    const recorded = bytes('ollama-midstream-error.chunks.txt');
    const events = await decodeRecordedStream(codec, request, [recorded]);
    expect(events.map((e) => e.type)).toEqual(['start', 'text-delta', 'error']);
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: { kind: 'server_error', retryable: true, message: expect.stringContaining('unexpected EOF') },
    });
    for (const chunks of splitsAtEveryOffset(recorded)) {
      expect((await decodeRecordedStream(codec, request, chunks)).at(-1)?.type).toBe('error');
    }
  });

  it('reports a connection closed before the done line as an error, never a finish', async () => {
    const lines = bytes('ollama-text.chunks.txt').toString('utf8').split('\n').slice(0, 3).join('\n');
    const events = await decodeRecordedStream(codec, request, [Buffer.from(`${lines}\n`)]);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'network' } });
    expect(events.some((e) => e.type === 'finish')).toBe(false);
  });

  it('reports an empty stream and a line that is not JSON as errors', async () => {
    expect(await decodeRecordedStream(codec, request, [])).toEqual([
      { type: 'error', error: expect.objectContaining({ kind: 'network' }) },
    ]);
    const garbage = await decodeRecordedStream(codec, request, [Buffer.from('<html>\n')]);
    expect(garbage).toEqual([{ type: 'error', error: expect.objectContaining({ kind: 'server_error' }) }]);
  });

  it('classifies a context-length error line', async () => {
    const line = '{"error":"input exceeds maximum context length and cannot be truncated further"}\n';
    const events = await decodeRecordedStream(codec, request, [Buffer.from(line)]);
    expect(events).toEqual([
      { type: 'error', error: expect.objectContaining({ kind: 'context_length_exceeded' }) },
    ]);
  });
});
