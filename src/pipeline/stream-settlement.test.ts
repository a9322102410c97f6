import { describe, expect, it } from 'vitest';
import { MemoryLedger } from '../accounting/ledger/memory-ledger.js';
import { Switchyard } from '../client/switchyard.js';
import { SwitchyardError } from '../core/errors/switchyard-error.js';
import { BatchedEvents } from '../core/stream/batched-events.js';
import { ChatStream } from '../core/stream/chat-stream.js';
import type { ChatRequest } from '../core/types/chat-request.js';
import type { StreamEvent } from '../core/types/stream-events.js';
import { MockProvider } from '../providers/mock/mock-provider.js';
import { hi, testCatalog } from './pipeline-test-client.js';

const usage = {
  inputTokens: 12,
  outputTokens: 3,
  totalTokens: 15,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
};

/**
 * A provider whose whole stream arrives as one batch, as one network read of an HTTP provider
 * does: every event after the first is at hand, so a reader can take it without a promise.
 */
class OneBatchProvider extends MockProvider {
  constructor(readonly tail: StreamEvent[]) {
    super({ id: 'openai' });
  }

  override stream(request: ChatRequest): ChatStream {
    const events: StreamEvent[] = [
      { type: 'start', id: 'batch-1', model: request.model, provider: this.id, warnings: [] },
      { type: 'text-delta', text: 'one ' },
      { type: 'text-delta', text: 'batch' },
      ...this.tail,
    ];
    async function* batches() {
      yield events;
    }
    return new ChatStream(new BatchedEvents(batches()), { provider: this.id, model: request.model });
  }
}

function client(tail: StreamEvent[]) {
  const ledger = new MemoryLedger();
  const sy = new Switchyard({
    env: {},
    config: { policies: { retry: { max_retries: 0 } } },
    customProviders: [new OneBatchProvider(tail)],
    catalog: testCatalog(),
    ledger,
  });
  return { sy, ledger };
}

type Reader = AsyncIterator<StreamEvent> & { takeBuffered(): StreamEvent | undefined };

/** Reads as the gateway does: what the stream holds without a promise, else the next step. */
async function readAsGateway(stream: ChatStream, stopAfter?: number) {
  const iterator = stream[Symbol.asyncIterator]() as Reader;
  const events: StreamEvent[] = [];
  let taken = 0;
  for (;;) {
    let event = iterator.takeBuffered();
    if (event === undefined) {
      const step = await iterator.next();
      if (step.done) break;
      event = step.value;
    } else taken++;
    events.push(event);
    if (event.type === 'finish') return { events, taken, resultAtFinish: await stream.result };
    if (event.type === 'error' || events.length === stopAfter) break;
  }
  await iterator.return?.();
  return { events, taken, resultAtFinish: undefined };
}

describe('a stream read without a promise per event (takeBuffered)', () => {
  it('settles before its finish is given: the cost is on the result and the row is written', async () => {
    const { sy, ledger } = client([
      { type: 'usage', usage },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', usage },
    ]);
    const { events, taken, resultAtFinish } = await readAsGateway(
      sy.stream({ model: 'openai/gpt-4o-mini', messages: hi }),
    );
    expect(events.map((event) => event.type)).toEqual([
      'start',
      'text-delta',
      'text-delta',
      'usage',
      'finish',
    ]);
    // The path under test was taken: events came through without a promise.
    expect(taken).toBeGreaterThan(0);
    expect(resultAtFinish?.text).toBe('one batch');
    expect(resultAtFinish?.cost?.estimated).toBe(false);
    expect(Number(resultAtFinish?.cost?.total)).toBeGreaterThan(0);
    expect(await ledger.query()).toEqual([
      expect.objectContaining({ outcome: 'ok', stream: true, cost: resultAtFinish?.cost?.total }),
    ]);
  });

  it('settles an error it holds before giving it: one error row', async () => {
    const error = new SwitchyardError({ kind: 'network', provider: 'openai', message: 'dropped' });
    const { sy, ledger } = client([{ type: 'error', error }]);
    const { events } = await readAsGateway(sy.stream({ model: 'openai/gpt-4o-mini', messages: hi }));
    expect(events.at(-1)).toMatchObject({ type: 'error' });
    const rows = await ledger.query();
    expect(rows).toEqual([expect.objectContaining({ outcome: 'error', errorKind: 'network' })]);
    // The text given before the drop is counted, estimated.
    expect(rows[0]?.outputTokens).toBeGreaterThan(0);
  });

  it('settles a stream left after its first content as not consumed, with the usage so far', async () => {
    const { sy, ledger } = client([
      { type: 'usage', usage },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', usage },
    ]);
    const { events } = await readAsGateway(sy.stream({ model: 'openai/gpt-4o-mini', messages: hi }), 2);
    expect(events.map((event) => event.type)).toEqual(['start', 'text-delta']);
    const rows = await ledger.query();
    expect(rows).toEqual([
      expect.objectContaining({ outcome: 'aborted', errorKind: 'aborted', tokensEstimated: true }),
    ]);
    expect(rows[0]?.outputTokens).toBeGreaterThan(0);
  });
});
