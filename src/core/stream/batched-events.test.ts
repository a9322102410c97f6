import { describe, expect, it } from 'vitest';
import { makeUsage } from '../types/chat-result.js';
import type { StreamEvent } from '../types/stream-events.js';
import { BatchedEvents } from './batched-events.js';
import { ChatStream } from './chat-stream.js';

const start: StreamEvent = { type: 'start', id: 'r1', model: 'm', provider: 'p', warnings: [] };
const text = (t: string): StreamEvent => ({ type: 'text-delta', text: t });
const finish: StreamEvent = {
  type: 'finish',
  finishReason: 'stop',
  rawFinishReason: 'stop',
  usage: makeUsage({ inputTokens: 1, outputTokens: 2 }),
};

function batchesOf(batches: StreamEvent[][], onClose: () => void): AsyncGenerator<StreamEvent[]> {
  return (async function* () {
    try {
      for (const batch of batches) yield batch;
    } finally {
      onClose();
    }
  })();
}

describe('BatchedEvents', () => {
  it('hands out the events of every batch in order, skipping empty ones, through a ChatStream', async () => {
    let closed = 0;
    const source = new BatchedEvents(
      batchesOf([[start, text('a')], [], [text('b'), text('c')], [finish]], () => closed++),
    );
    const stream = new ChatStream(source, { provider: 'p', model: 'm' });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type === 'text-delta' ? event.text : event.type);
    expect(types).toEqual(['start', 'a', 'b', 'c', 'finish']);
    expect((await stream.result).text).toBe('abc');
    expect(closed).toBe(1);
  });

  it('drops buffered events and closes the generator when returned mid-batch', async () => {
    let closed = 0;
    const source = new BatchedEvents(batchesOf([[start, text('a'), text('b')], [finish]], () => closed++));
    expect((await source.next()).value).toEqual(start);
    expect(source.takeBuffered()).toEqual(text('a'));
    expect(await source.return()).toEqual({ done: true, value: undefined });
    expect(closed).toBe(1);
    expect(source.takeBuffered()).toBeUndefined();
    expect(await source.next()).toEqual({ done: true, value: undefined });
  });

  it("lets a layer above take a ChatStream's held events without a promise, absorbed as next does", async () => {
    let closed = 0;
    const source = new BatchedEvents(batchesOf([[start, text('a'), text('b')], [finish]], () => closed++));
    const stream = new ChatStream(source, { provider: 'p', model: 'm' });
    const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<StreamEvent> & {
      takeBuffered(): StreamEvent | undefined;
    };
    expect(iterator.takeBuffered()).toBeUndefined(); // not started: the first step is next's
    expect((await iterator.next()).value).toEqual(start);
    expect(iterator.takeBuffered()).toEqual(text('a'));
    expect(iterator.takeBuffered()).toEqual(text('b'));
    expect(iterator.takeBuffered()).toBeUndefined(); // the next batch needs a wait
    expect((await iterator.next()).value).toEqual(finish);
    expect(iterator.takeBuffered()).toBeUndefined(); // settled: next closes the stream
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect((await stream.result).text).toBe('ab');
    expect(closed).toBe(1);
  });
});
