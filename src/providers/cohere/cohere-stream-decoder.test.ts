import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import { decodeRecordedStream, splitsAtEveryOffset } from '../decode-recorded-stream.js';
import { createCohereCodec } from './cohere-codec.js';

const codec = createCohereCodec({ id: 'cohere', baseUrl: 'https://api.cohere.com', apiKey: 'k' });
const request: ChatRequest = { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hi' }] };

/** Frames each recorded payload as Cohere sends it: an `event:` line naming the type, then `data:`. */
function sse(name: string): Uint8Array {
  const lines = readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')
    .trim()
    .split('\n');
  const frames = lines.map(
    (line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`,
  );
  return Buffer.from(frames.join(''));
}

const joined = (events: StreamEvent[], type: 'text-delta' | 'reasoning-delta') =>
  events.map((e) => (e.type === type ? e.text : '')).join('');

describe('Cohere stream decoder', () => {
  it('decodes text (with multi-byte characters) identically at every split', async () => {
    const recorded = sse('cohere-text.chunks.txt');
    const whole = await decodeRecordedStream(codec, request, [recorded]);
    expect(whole[0]).toEqual({
      type: 'start',
      id: '321d178c-2c12-44d3-ae42-2f5510f6b1cc',
      model: 'command-a-03-2025',
      provider: 'cohere',
      warnings: [],
    });
    expect(joined(whole, 'text-delta')).toBe('Paris, la Ville Lumière 🗼');
    expect(whole.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      rawFinishReason: 'COMPLETE',
      usage: expect.objectContaining({ inputTokens: 507, outputTokens: 10, cachedInputTokens: 448 }),
    });
    for (const chunks of splitsAtEveryOffset(recorded)) {
      expect(await decodeRecordedStream(codec, request, chunks)).toEqual(whole);
    }
  });

  it('assembles parallel tool calls from fragments at every split', async () => {
    const recorded = sse('cohere-tool-calls.chunks.txt');
    const whole = await decodeRecordedStream(codec, request, [recorded]);
    expect(whole.filter((e) => e.type === 'tool-call')).toEqual([
      {
        type: 'tool-call',
        index: 0,
        toolCall: {
          id: 'get_weather_e8p4pn45zt0t',
          name: 'get_weather',
          arguments: '{"city": "São Paulo"}',
          input: { city: 'São Paulo' },
        },
      },
      {
        type: 'tool-call',
        index: 1,
        toolCall: {
          id: 'get_weather_pyxssbwnq9fq',
          name: 'get_weather',
          arguments: '{"city": "Tokyo"}',
          input: { city: 'Tokyo' },
        },
      },
    ]);
    expect(whole.find((e) => e.type === 'tool-call-delta')).toEqual({
      type: 'tool-call-delta',
      index: 0,
      id: 'get_weather_e8p4pn45zt0t',
      name: 'get_weather',
      argumentsDelta: '',
    });
    // The tool plan is not answer text.
    expect(joined(whole, 'text-delta')).toBe('');
    expect(whole.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'tool_calls',
      rawFinishReason: 'TOOL_CALL',
    });
    for (const chunks of splitsAtEveryOffset(recorded)) {
      expect(await decodeRecordedStream(codec, request, chunks)).toEqual(whole);
    }
  });

  it('turns thinking content into reasoning deltas', async () => {
    const events = await decodeRecordedStream(codec, request, [sse('cohere-thinking.chunks.txt')]);
    expect(joined(events, 'reasoning-delta')).toBe('The user asks for 2 + 2.');
    expect(joined(events, 'text-delta')).toBe('2 + 2 = 4.');
  });

  it('ends with an error event when message-end carries an error', async () => {
    const events = await decodeRecordedStream(codec, request, [sse('cohere-stream-error.chunks.txt')]);
    expect(events.map((e) => e.type)).toEqual(['start', 'text-delta', 'error']);
    expect(events.at(-1)).toMatchObject({
      error: { kind: 'server_error', message: expect.stringContaining('internal') },
    });
  });

  it('reports a connection closed before message-end as an error, even after [DONE]', async () => {
    const full = Buffer.from(sse('cohere-text.chunks.txt')).toString('utf8');
    const cut = full.slice(0, full.indexOf('event: message-end'));
    for (const tail of ['', 'data: [DONE]\n\n']) {
      const events = await decodeRecordedStream(codec, request, [Buffer.from(cut + tail)]);
      expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'network' } });
      expect(events.some((e) => e.type === 'finish')).toBe(false);
    }
  });

  it('finishes a call whose end event never came, and rejects non-JSON data', async () => {
    const frames = [
      '{"type":"message-start","id":"m1"}',
      '{"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":{"id":"t1","type":"function","function":{"name":"f","arguments":"{}"}}}}}',
      '{"type":"message-end","delta":{"finish_reason":"TOOL_CALL"}}',
    ].map((line) => `data: ${line}\n\n`);
    const events = await decodeRecordedStream(codec, request, [Buffer.from(frames.join(''))]);
    expect(events.filter((e) => e.type === 'tool-call')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool_calls' });
    const garbage = await decodeRecordedStream(codec, request, [Buffer.from('data: {oops\n\n')]);
    expect(garbage).toEqual([{ type: 'error', error: expect.objectContaining({ kind: 'server_error' }) }]);
  });
});
