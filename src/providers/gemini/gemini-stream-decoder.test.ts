import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import { decodeRecordedStream, splitsAtEveryOffset, sseFramesFromLines } from '../decode-recorded-stream.js';
import { createGeminiCodec } from './gemini-codec.js';

const KEY = 'AIzaSyStreamKey0123456789abcdefgh';
const codec = createGeminiCodec({ id: 'gemini', baseUrl: 'http://127.0.0.1:9', apiKey: KEY });
const request: ChatRequest = { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'x' }] };
const encoder = new TextEncoder();

function lines(name: string): string[] {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean);
}
/** Gemini frames events with CRLF pairs. */
const bytes = (text: string) => encoder.encode(text.replaceAll('\n\n', '\r\n\r\n'));
const decode = (text: string) => decodeRecordedStream(codec, request, [bytes(text)]);
const ofType = <T extends StreamEvent['type']>(events: StreamEvent[], type: T) =>
  events.filter((e): e is Extract<StreamEvent, { type: T }> => e.type === type);

describe('GeminiStreamDecoder', () => {
  it('decodes text increments, the last running usage and the finish at close', async () => {
    const events = await decode(sseFramesFromLines(lines('text.chunks.txt')));
    expect(events[0]).toEqual({
      type: 'start',
      id: 'a1xRaOq8JMXWnvgP0-2_yQ4',
      model: 'gemini-2.0-flash',
      provider: 'gemini',
      warnings: [],
    });
    expect(
      ofType(events, 'text-delta')
        .map((e) => e.text)
        .join(''),
    ).toBe('Paris is 18 °C and sunny ☀️ — enjoy 🚀');
    const finish = events.at(-1);
    expect(finish).toMatchObject({ type: 'finish', finishReason: 'stop', rawFinishReason: 'STOP' });
    expect(finish?.type === 'finish' && finish.usage).toMatchObject({
      inputTokens: 9,
      outputTokens: 11,
      totalTokens: 20,
    });
  });

  it('gives identical events wherever the bytes are split, multi-byte characters included', async () => {
    for (const name of ['text.chunks.txt', 'parallel-function-calls.chunks.txt', 'thoughts.chunks.txt']) {
      const whole = bytes(sseFramesFromLines(lines(name)));
      const expected = await decodeRecordedStream(codec, request, [whole]);
      for (const split of splitsAtEveryOffset(whole)) {
        expect(await decodeRecordedStream(codec, request, split)).toEqual(expected);
      }
    }
  });

  it('emits whole function calls with ids and signatures, finishing as tool_calls', async () => {
    const events = await decode(sseFramesFromLines(lines('parallel-function-calls.chunks.txt')));
    expect(ofType(events, 'tool-call-delta')).toEqual([
      {
        type: 'tool-call-delta',
        index: 0,
        id: 'call_0',
        name: 'get_weather',
        argumentsDelta: '{"city":"Paris"}',
      },
      {
        type: 'tool-call-delta',
        index: 1,
        id: 'call_1',
        name: 'get_weather',
        argumentsDelta: '{"city":"Rome"}',
      },
    ]);
    const calls = ofType(events, 'tool-call').map((e) => e.toolCall);
    expect(calls[0]?.signature).toMatch(/^CiQB/);
    expect(calls[1]?.signature).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool_calls' });
    const usage = ofType(events, 'usage')[0]?.usage;
    expect(usage).toMatchObject({ inputTokens: 88, outputTokens: 54, reasoningTokens: 40 });
  });

  it('streams thought parts as reasoning and the text signature as a signature-only reasoning delta', async () => {
    const events = await decode(sseFramesFromLines(lines('thoughts.chunks.txt')));
    expect(ofType(events, 'reasoning-delta')).toEqual([
      { type: 'reasoning-delta', text: '**Counting letters**\n\nI will spell the word.' },
      {
        type: 'reasoning-delta',
        text: '',
        signature: 'Eo0HCooHAb4+9vutXdtKMt+r7Z3gLh52ZQ3RKYDzp4A6PHh0dLuvI1KwnLxDS/qm8wn4Gm9NNNQ1nBS',
      },
    ]);
    expect(
      ofType(events, 'text-delta')
        .map((e) => e.text)
        .join(''),
    ).toBe('There are **3** "r"s in strawberry.');
  });

  it('finishes a blocked prompt as content_filter', async () => {
    const events = await decode(sseFramesFromLines(lines('prompt-blocked.chunks.txt')));
    expect(events.map((e) => e.type)).toEqual(['start', 'usage', 'finish']);
    expect(events.at(-1)).toMatchObject({
      finishReason: 'content_filter',
      rawFinishReason: 'PROHIBITED_CONTENT',
    });
  });

  it('turns an in-stream error chunk into an error event, SSE-framed or bare', async () => {
    const [content, error] = lines('stream-error.chunks.txt') as [string, string];
    for (const text of [sseFramesFromLines([content, error]), `${sseFramesFromLines([content])}${error}\n`]) {
      const events = await decode(text);
      expect(events.map((e) => e.type)).toEqual(['start', 'text-delta', 'error']);
      const last = events.at(-1);
      expect(last?.type === 'error' && last.error).toMatchObject({
        kind: 'overloaded',
        status: 503,
        retryable: true,
      });
    }
  });

  it('ends in an error, never a finish, when the connection closes before a finish reason', async () => {
    const events = await decode(sseFramesFromLines(lines('text.chunks.txt').slice(0, 2)));
    expect(events.at(-1)?.type).toBe('error');
    expect(ofType(events, 'finish')).toEqual([]);
    expect((await decode('')).map((e) => e.type)).toEqual(['error']);
  });

  it('reports a chunk that is not JSON without leaking the key', async () => {
    const events = await decode(`data: {"broken ${KEY}\n\n`);
    const last = events.at(-1);
    expect(last?.type === 'error' && last.error.kind).toBe('server_error');
    expect(JSON.stringify(last?.type === 'error' && last.error.message)).not.toContain(KEY);
  });
});
