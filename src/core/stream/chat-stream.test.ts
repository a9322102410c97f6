import { describe, expect, it } from 'vitest';
import { isSwitchyardError, SwitchyardError } from '../errors/switchyard-error.js';
import { makeUsage } from '../types/chat-result.js';
import type { StreamEvent } from '../types/stream-events.js';
import { ChatStream } from './chat-stream.js';

const usage = makeUsage({ inputTokens: 3, outputTokens: 2 });

function streamOf(events: StreamEvent[], onReturn?: () => void) {
  async function* source(): AsyncGenerator<StreamEvent> {
    try {
      for (const event of events) yield event;
    } finally {
      onReturn?.();
    }
  }
  return new ChatStream(source(), { provider: 'p', model: 'm' });
}

/** Iterates a stream to its last event, keeping nothing. */
async function readToEnd(stream: ChatStream): Promise<void> {
  for await (const _ of stream) {
    // Only the reading matters.
  }
}

const start: StreamEvent = { type: 'start', id: 'r1', model: 'm-2024', provider: 'p', warnings: [] };

describe('ChatStream', () => {
  it('accumulates text, reasoning with signatures and tool calls into the result', async () => {
    const stream = streamOf([
      start,
      { type: 'reasoning-delta', text: 'think ' },
      { type: 'reasoning-delta', text: 'more', signature: 'sig1' },
      { type: 'text-delta', text: 'Hel' },
      { type: 'text-delta', text: 'lo' },
      { type: 'tool-call', index: 0, toolCall: { id: 'c', name: 't', arguments: '{}', input: {} } },
      { type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'tool_use', usage },
    ]);
    const seen: string[] = [];
    for await (const event of stream) seen.push(event.type);
    const result = await stream.result;
    expect(seen).toEqual([
      'start',
      'reasoning-delta',
      'reasoning-delta',
      'text-delta',
      'text-delta',
      'tool-call',
      'finish',
    ]);
    expect(result).toMatchObject({
      id: 'r1',
      model: 'm-2024',
      text: 'Hello',
      reasoning: 'think more',
      reasoningParts: [{ text: 'think more', signature: 'sig1' }],
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_use',
      usage,
    });
    expect(result.toolCalls).toHaveLength(1);
  });

  it('keeps a redacted reasoning block as its own part, in order', async () => {
    const result = await streamOf([
      start,
      { type: 'reasoning-delta', text: 'a', signature: 's1' },
      { type: 'reasoning-delta', text: '', redactedData: 'opaque' },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'end_turn', usage },
    ]).result;
    expect(result.reasoning).toBe('a');
    expect(result.reasoningParts).toEqual([
      { text: 'a', signature: 's1' },
      { text: '', redactedData: 'opaque' },
    ]);
  });

  it('resolves result without iteration by draining', async () => {
    const result = await streamOf([
      start,
      { type: 'text-delta', text: 'x' },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', usage },
    ]).result;
    expect(result.text).toBe('x');
  });

  it('gives the same result whether asked for during the iteration or after it', async () => {
    const stream = streamOf([
      start,
      { type: 'text-delta', text: 'a' },
      { type: 'text-delta', text: 'b' },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', usage },
    ]);
    let during: Promise<unknown> | undefined;
    let finished: unknown;
    for await (const event of stream) {
      // Asked for before the finish: pending until the finish settles it.
      if (event.type === 'text-delta') {
        during ??= stream.result;
        expect(stream.finishedResult).toBeUndefined();
      }
      // Read in the same turn as the finish, without a promise.
      if (event.type === 'finish') finished = stream.finishedResult;
    }
    const after = await stream.result;
    expect(after.text).toBe('ab');
    expect(await during).toBe(after);
    expect(finished).toBe(after);
  });

  it('rejects a result asked for only after the stream failed, and leaves an unread one alone', async () => {
    const error = new SwitchyardError({ kind: 'overloaded', message: 'busy' });
    const read = streamOf([start, { type: 'error', error }]);
    await readToEnd(read);
    await expect(read.result).rejects.toBe(error);
    expect(read.finishedResult).toBeUndefined();
    // Never asked for: no promise to reject, so nothing unhandled (vitest fails a test on one).
    const unread = streamOf([start, { type: 'error', error }]);
    await readToEnd(unread);
  });

  it('rejects result with the error event', async () => {
    const error = new SwitchyardError({ kind: 'overloaded', message: 'busy' });
    const stream = streamOf([start, { type: 'text-delta', text: 'x' }, { type: 'error', error }]);
    await expect(stream.result).rejects.toBe(error);
  });

  it('never ends cleanly when the source ends without finish', async () => {
    const stream = streamOf([start, { type: 'text-delta', text: 'x' }]);
    const events: StreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const last = events[events.length - 1]!;
    expect(last.type).toBe('error');
    await expect(stream.result).rejects.toSatisfy(isSwitchyardError);
  });

  it('closes the source when the consumer breaks out', async () => {
    let closed = false;
    const stream = streamOf(
      [start, { type: 'text-delta', text: 'a' }, { type: 'text-delta', text: 'b' }],
      () => {
        closed = true;
      },
    );
    for await (const event of stream) if (event.type === 'text-delta') break;
    expect(closed).toBe(true);
    await expect(stream.result).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('offers textStream and refuses a second consumer', async () => {
    const stream = streamOf([
      start,
      { type: 'text-delta', text: 'a' },
      { type: 'text-delta', text: 'b' },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', usage },
    ]);
    let text = '';
    for await (const piece of stream.textStream) text += piece;
    expect(text).toBe('ab');
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/once/);
  });
});

describe('ChatStream warnings', () => {
  it('adds warnings carried by the finish event to those of start', async () => {
    const result = await streamOf([
      { type: 'start', id: 'r', model: 'm', provider: 'p', warnings: [{ type: 'other', message: 'early' }] },
      {
        type: 'finish',
        finishReason: 'stop',
        rawFinishReason: 'stop',
        usage,
        warnings: [{ type: 'invalid-tool-arguments', message: 'late' }],
      },
    ]).result;
    expect(result.warnings.map((w) => w.message)).toEqual(['early', 'late']);
  });

  it('gives overlapping next calls their events in order, then ends after the finish', async () => {
    const finish: StreamEvent = { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', usage };
    const stream = streamOf([start, { type: 'text-delta', text: 'a' }, finish]);
    const iterator = stream[Symbol.asyncIterator]();
    const steps = await Promise.all([iterator.next(), iterator.next(), iterator.next(), iterator.next()]);
    expect(steps.map((step) => (step.done ? 'done' : step.value.type))).toEqual([
      'start',
      'text-delta',
      'finish',
      'done',
    ]);
    expect((await stream.result).text).toBe('a');
  });

  it('waits for a pending next before returning, and closes the source', async () => {
    let closed = false;
    const stream = streamOf([start, { type: 'text-delta', text: 'a' }], () => {
      closed = true;
    });
    const iterator = stream[Symbol.asyncIterator]();
    const first = iterator.next();
    const ended = iterator.return?.(undefined);
    expect((await first).value).toEqual(start);
    expect(await ended).toEqual({ done: true, value: undefined });
    expect(closed).toBe(true);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    await expect(stream.result).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('rethrows a source that throws, after rejecting the result as not consumed', async () => {
    async function* source(): AsyncGenerator<StreamEvent> {
      yield start;
      throw new Error('boom');
    }
    const stream = new ChatStream(source(), { provider: 'p', model: 'm' });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    await expect(iterator.next()).rejects.toThrow('boom');
    await expect(stream.result).rejects.toMatchObject({ kind: 'aborted' });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('leaves the source untouched when returned before the first next', async () => {
    let closed = false;
    const stream = streamOf([start], () => {
      closed = true;
    });
    const iterator = stream[Symbol.asyncIterator]();
    expect(await iterator.return?.(undefined)).toEqual({ done: true, value: undefined });
    expect(closed).toBe(false);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });
});
