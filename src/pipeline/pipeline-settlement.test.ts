import { describe, expect, it } from 'vitest';
import { computeCallCost } from '../accounting/cost/compute-cost.js';
import type { StreamEvent } from '../core/types/stream-events.js';
import { hi, testClient } from './pipeline-test-client.js';

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('every call settles: cost, one ledger row, stats', () => {
  it('a result carries the exact cost of its usage at the catalog price, and the row says the same', async () => {
    const usage = { inputTokens: 1200, outputTokens: 300, cachedInputTokens: 1024 };
    const { sy, ledger, catalog } = testClient({}, { openai: [{ text: 'priced', usage }] });
    const result = await sy.chat({ model: 'openai/gpt-4o-mini', messages: hi, metadata: { user: 'ann' } });
    const expected = computeCallCost(result.usage, catalog.get('gpt-4o-mini', 'openai')!);
    expect(result.cost).toEqual(expected);
    expect(result.cost?.estimated).toBe(false);
    const [row] = await ledger.query();
    expect(row).toMatchObject({
      outcome: 'ok',
      provider: 'openai',
      model: 'gpt-4o-mini',
      user: 'ann',
      cost: expected.total,
      cachedInputTokens: 1024,
      cacheHit: false,
    });
    expect(sy.stats().models).toEqual([expect.objectContaining({ requests: 1, cost: expected.total })]);
  });

  it("a row carries the caller's request id when one is given, and a fresh UUID otherwise", async () => {
    const { sy, ledger } = testClient({}, { openai: [{ text: 'one' }, { text: 'two' }, { text: 'three' }] });
    await sy.chat({ model: 'openai/gpt-4o-mini', messages: hi, requestId: 'req_from_caller' });
    await sy.chat({ model: 'openai/gpt-4o-mini', messages: hi });
    const events = sy.stream({ model: 'openai/gpt-4o-mini', messages: hi, requestId: 'req_streamed' });
    for await (const _ of events) {
      // read to the end: the row is written when the stream settles
    }
    const ids = (await ledger.query()).map((row) => row.requestId);
    expect(ids).toHaveLength(3);
    expect(ids).toContain('req_from_caller');
    expect(ids).toContain('req_streamed');
    expect(ids.filter((id) => id !== 'req_from_caller' && id !== 'req_streamed')[0]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it('a failing call writes one error row with its kind and attempts, and throws as before', async () => {
    const { sy, ledger } = testClient({}, { openai: [{ error: { status: 400, message: 'bad input' } }] });
    const error = await sy.chat({ model: 'openai/gpt-4o-mini', messages: hi }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid_request' });
    const rows = await ledger.query();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      outcome: 'error',
      errorKind: 'invalid_request',
      provider: 'openai',
      cost: '0',
    });
    expect(rows[0]!.attempts).toHaveLength(1);
  });

  it('a stream settles with the provider usage before its finish reaches the caller', async () => {
    const { sy, ledger, catalog } = testClient(
      {},
      { openai: [{ text: 'streamed answer', usage: { inputTokens: 10, outputTokens: 4 } }] },
    );
    const stream = sy.stream({ model: 'openai/gpt-4o-mini', messages: hi });
    const events = await collect(stream);
    expect(events.at(-1)?.type).toBe('finish');
    const result = await stream.result;
    expect(result.cost).toEqual(computeCallCost(result.usage, catalog.get('gpt-4o-mini', 'openai')!));
    expect(await ledger.query()).toEqual([expect.objectContaining({ outcome: 'ok', stream: true })]);
  });

  it('a stream that reports no usage is costed from the tokenizer and marked estimated', async () => {
    const { sy, ledger } = testClient(
      {},
      { openai: [{ text: 'an answer without usage', usage: { inputTokens: 0, outputTokens: 0 } }] },
    );
    const stream = sy.stream({ model: 'openai/gpt-4o-mini', messages: hi });
    const result = await stream.result;
    expect(result.usage).toMatchObject({ estimated: true });
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.cost).toMatchObject({ estimated: true });
    expect(Number(result.cost?.total)).toBeGreaterThan(0);
    expect(await ledger.query()).toEqual([
      expect.objectContaining({ outcome: 'ok', tokensEstimated: true, costEstimated: true }),
    ]);
  });

  it('an abandoned stream is an aborted row with estimated usage and cost', async () => {
    const { sy, ledger } = testClient({}, { openai: [{ text: 'one two three four five six seven eight' }] });
    for await (const event of sy.stream({ model: 'openai/gpt-4o-mini', messages: hi })) {
      if (event.type === 'text-delta') break;
    }
    const [row] = await ledger.query();
    expect(row).toMatchObject({
      outcome: 'aborted',
      errorKind: 'aborted',
      tokensEstimated: true,
      costEstimated: true,
    });
    expect(row!.outputTokens).toBeGreaterThan(0);
    expect(row!.cost).not.toBe('0');
  });
});

describe('response cache through the client', () => {
  const cached = { cache: { ttl_ms: 60_000 } };

  it('a hit replays the identical stream, calls no provider and writes a zero-cost hit row', async () => {
    const { sy, ledger, providers } = testClient(cached, {
      openai: [{ text: 'cached words here', usage: { inputTokens: 9, outputTokens: 3 } }],
    });
    const request = { model: 'openai/gpt-4o-mini', messages: hi, temperature: 0 };
    const first = await collect(sy.stream(request));
    const replayStream = sy.stream(request);
    const second = await collect(replayStream);
    expect(second).toEqual(first);
    expect(providers.openai.requests).toHaveLength(1);
    expect((await replayStream.result).cost?.total).toBe('0');
    const rows = await ledger.query();
    expect(rows.map((row) => [row.cacheHit, row.cost === '0'])).toEqual(
      expect.arrayContaining([
        [false, false],
        [true, true],
      ]),
    );
    expect(sy.stats().models[0]).toMatchObject({ requests: 2 });
  });

  it('chat hits answer without the provider; a bypass call goes to it', async () => {
    const { sy, providers } = testClient(cached, { defaultReply: { text: 'same' } });
    const request = { model: 'openai/gpt-4o-mini', messages: hi, temperature: 0 };
    await sy.chat(request);
    const hit = await sy.chat(request);
    expect(hit.text).toBe('same');
    expect(providers.openai.requests).toHaveLength(1);
    expect(hit).toMatchObject({ cacheStatus: 'hit', attempts: [], cost: { total: '0', usd: { total: 0 } } });
    await sy.chat({ ...request, cache: { bypass: true } });
    expect(providers.openai.requests).toHaveLength(2);
  });
});

describe('embeddings', () => {
  it('go through batching, keep order, and are costed and recorded', async () => {
    const { sy, ledger, catalog } = testClient();
    const input = Array.from({ length: 5 }, (_, i) => `text number ${i}`);
    const result = await sy.embed({ model: 'openai/text-embedding-3-small', input });
    expect(result.embeddings).toHaveLength(5);
    const entry = catalog.get('text-embedding-3-small', 'openai')!;
    expect(result.cost?.total).toBe(
      computeCallCost({ ...emptyCounts(), inputTokens: result.usage.inputTokens }, entry).total,
    );
    const [row] = await ledger.query();
    expect(row).toMatchObject({
      outcome: 'ok',
      inputTokens: result.usage.inputTokens,
      cost: result.cost?.total,
    });
  });

  it("carry the caller's request id into their row", async () => {
    const { sy, ledger } = testClient();
    await sy.embed({ model: 'openai/text-embedding-3-small', input: 'one', requestId: 'req_embed' });
    expect((await ledger.query()).map((row) => row.requestId)).toEqual(['req_embed']);
  });
});

function emptyCounts() {
  return { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0 };
}
