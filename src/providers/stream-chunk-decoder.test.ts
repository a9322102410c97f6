import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../core/types/stream-events.js';
import { fixtureLines } from './openai-compatible/__fixtures__/load-fixture.js';
import { OpenAIStreamDecoder } from './openai-compatible/openai-stream-decoder.js';
import { streamChunkDecoder } from './stream-chunk-decoder.js';

const text = new TextDecoder();

/** A recorded OpenAI stream as SSE bytes, with a keep-alive comment in the middle. */
function recordedBody(): Buffer {
  const messages = fixtureLines('openai-text').map((line) => `data: ${line}\n\n`);
  messages.splice(3, 0, ': keep-alive\n\n');
  return Buffer.from(messages.join(''));
}

/** The body cut into pieces of `size` bytes (the last one shorter), as separate network reads. */
function cut(body: Buffer, size: number): Buffer[] {
  const pieces: Buffer[] = [];
  for (let at = 0; at < body.length; at += size) pieces.push(body.subarray(at, at + size));
  return pieces;
}

function decodeAll(pieces: Buffer[], tap: boolean, framing: 'sse' | 'ndjson' = 'sse'): StreamEvent[] {
  const decoder = new OpenAIStreamDecoder({ provider: 'openai', model: 'gpt-4.1-nano' });
  const events: StreamEvent[] = [];
  const chunks = streamChunkDecoder(framing, tap, decoder, (event) => events.push(event), events);
  for (const piece of pieces) chunks.push(piece);
  chunks.end();
  return events;
}

const withoutRaw = (events: StreamEvent[]) => events.map(({ raw: _raw, ...event }) => event);

describe('streamChunkDecoder', () => {
  const body = recordedBody();
  const whole = decodeAll([body], false);

  it('decodes a recorded stream to its text, usage and finish', () => {
    expect(whole.map((event) => event.type)).toContain('finish');
    const texts = whole.flatMap((event) => (event.type === 'text-delta' ? [event.text] : []));
    expect(texts.join('')).toBe('Bonjour! Le café est prêt ☕.');
  });

  it.each([1, 7, 64, 500])('gives the same events wherever the reads are cut (%i-byte reads)', (size) => {
    expect(decodeAll(cut(body, size), false)).toEqual(whole);
    expect(withoutRaw(decodeAll(cut(body, size), true))).toEqual(whole);
  });

  it.each([1, 7, 500])(
    'tapped, puts every byte on the events exactly once, in order (%i-byte reads)',
    (size) => {
      const events = decodeAll(cut(body, size), true);
      const bytes = Buffer.concat(events.flatMap((event) => (event.raw ? [event.raw] : [])));
      expect(text.decode(bytes)).toBe(body.toString('utf8'));
    },
  );

  it('ends a stream cut before [DONE] with an error, never a finish', () => {
    const truncated = body.subarray(0, body.indexOf('data: [DONE]'));
    for (const tap of [false, true]) {
      const events = decodeAll([truncated], tap);
      expect(events.at(-1)?.type).toBe('error');
      expect(events.some((event) => event.type === 'finish')).toBe(false);
    }
  });

  it('reads nothing after the decoder is done, and end() then adds nothing', () => {
    const events = decodeAll([body, Buffer.from('data: {"late":true}\n\n')], true);
    expect(events.at(-1)?.type).toBe('finish');
    expect(events.filter((event) => event.type === 'finish')).toHaveLength(1);
  });

  it('frames NDJSON by lines, the last one without a newline delivered at the end', () => {
    const lines = fixtureLines('openai-text');
    const ndjson = Buffer.from(lines.filter((line) => line !== '[DONE]').join('\n'));
    const events = decodeAll(cut(ndjson, 13), false, 'ndjson');
    // No [DONE] in NDJSON: the decoder's end reports the cut, after every line was decoded.
    const texts = events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : []));
    expect(texts.join('')).toBe('Bonjour! Le café est prêt ☕.');
    expect(events.at(-1)?.type).toBe('error');
  });
});
