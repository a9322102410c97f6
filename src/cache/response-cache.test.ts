import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../core/errors/switchyard-error.js';
import { ChatStream } from '../core/stream/chat-stream.js';
import type { ChatRequest } from '../core/types/chat-request.js';
import { type ChatResult, makeUsage } from '../core/types/chat-result.js';
import type { StreamEvent } from '../core/types/stream-events.js';
import { ManualClock } from '../policies/manual-clock.js';
import { ResponseCache } from './response-cache.js';

const request: ChatRequest = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'What is 2+2?' }],
  temperature: 0,
};
const usage = makeUsage({ inputTokens: 12, outputTokens: 5, cachedInputTokens: 4 });

function answer(text: string): ChatResult {
  return {
    id: 'chatcmpl-1',
    provider: 'openai',
    model: 'gpt-4o-mini-2024-07-18',
    text,
    toolCalls: [],
    reasoning: '',
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage,
    latencyMs: 320,
    warnings: [],
    attempts: [
      {
        deploymentId: 'openai/gpt-4o-mini',
        provider: 'openai',
        model: 'gpt-4o-mini',
        outcome: 'ok',
        latencyMs: 320,
        retries: 0,
      },
    ],
  };
}

function costOf(total: string): NonNullable<ChatResult['cost']> {
  const n = Number(total);
  return {
    total,
    input: total,
    cachedInput: '0',
    cacheWrite: '0',
    output: '0',
    currency: 'USD',
    estimated: false,
    usd: { total: n, input: n, cachedInput: 0, cacheWrite: 0, output: 0 },
  };
}

const streamed: StreamEvent[] = [
  { type: 'start', id: 'chatcmpl-9', model: 'gpt-4o-mini-2024-07-18', provider: 'openai', warnings: [] },
  { type: 'text-delta', text: 'Two plus two ' },
  { type: 'text-delta', text: 'is 4.' },
  {
    type: 'tool-call',
    index: 0,
    toolCall: { id: 'call_1', name: 'calc', arguments: '{"x":4}', input: { x: 4 } },
  },
  { type: 'usage', usage },
  { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', usage },
];

/** A live stream from scripted events, counting how often a provider was opened. */
function provider(events: StreamEvent[]) {
  const calls = { count: 0 };
  const open = () => {
    calls.count++;
    return new ChatStream(
      (async function* () {
        for (const event of events) yield event;
      })(),
      { provider: 'openai', model: request.model, finalize: (r) => ({ ...r, attempts: [] }) },
    );
  };
  return { calls, open };
}

async function collect(stream: ChatStream): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('ResponseCache chat', () => {
  it('keeps an answer without what a replay does not share: attempts, cost, cache status', async () => {
    const cache = new ResponseCache();
    const live: ChatResult = { ...answer('4'), cacheStatus: 'miss', cost: costOf('0.001') };
    await cache.putChat(request, live);
    const hit = await cache.getChat(request);
    expect(hit).toMatchObject({ text: '4', usage, provider: 'openai', attempts: [] });
    expect(hit).not.toHaveProperty('cost');
    expect(hit).not.toHaveProperty('cacheStatus');
    expect(live.cost?.total).toBe('0.001');
  });

  it('answers a repeated request from the cache without calling the provider', async () => {
    const cache = new ResponseCache();
    let calls = 0;
    const call = async () => answer(`answer ${++calls}`);
    const first = await cache.chat(request, call);
    const second = await cache.chat({ ...request, metadata: { user: 'someone-else' } }, call);
    expect(first.cacheHit).toBe(false);
    expect(second).toEqual({ result: { ...answer('answer 1'), attempts: [] }, cacheHit: true });
    expect(calls).toBe(1);
  });

  it('skips the cache entirely for a bypassed request', async () => {
    const cache = new ResponseCache();
    let calls = 0;
    const call = async () => answer(`answer ${++calls}`);
    await cache.chat(request, call);
    const bypassed = await cache.chat(request, call, { bypass: true });
    expect(bypassed).toMatchObject({ cacheHit: false, result: { text: 'answer 2' } });
    // Bypass does not write either: the stored answer is still the first one.
    expect((await cache.chat(request, call)).result.text).toBe('answer 1');
  });

  it('never caches a failure', async () => {
    const cache = new ResponseCache();
    const failure = new SwitchyardError({ kind: 'server_error', provider: 'openai', message: 'boom' });
    await expect(cache.chat(request, () => Promise.reject(failure))).rejects.toBe(failure);
    await cache.putChat(request, { ...answer(''), finishReason: 'error', rawFinishReason: 'error' });
    expect(await cache.getChat(request)).toBeUndefined();
    expect(cache.counters.stores).toBe(0);
  });

  it('caches sampling requests only when configured', async () => {
    const sampling = [
      { ...request, temperature: 0.7 },
      { ...request, temperature: undefined },
    ];
    const strict = new ResponseCache();
    const open = new ResponseCache({ cacheNonDeterministic: true });
    for (const req of sampling) {
      await strict.putChat(req, answer('x'));
      await open.putChat(req, answer('x'));
      expect(await strict.getChat(req)).toBeUndefined();
      expect(await open.getChat(req)).toMatchObject({ text: 'x' });
    }
  });

  it('expires an answer after its TTL on the clock', async () => {
    const clock = new ManualClock();
    const cache = new ResponseCache({ clock, ttlMs: 60_000 });
    await cache.putChat(request, answer('fresh'));
    await clock.advance(59_999);
    expect(await cache.getChat(request)).toMatchObject({ text: 'fresh' });
    await clock.advance(1);
    expect(await cache.getChat(request)).toBeUndefined();
  });

  it('evicts older answers to stay within its byte bound', async () => {
    const cache = new ResponseCache({ maxBytes: 4000 });
    const requests = Array.from({ length: 5 }, (_, i) => ({ ...request, seed: i }));
    for (const req of requests) await cache.putChat(req, answer('y'.repeat(1000)));
    expect(await cache.getChat(requests[0]!)).toBeUndefined();
    expect(await cache.getChat(requests[4]!)).toMatchObject({ text: 'y'.repeat(1000) });
  });
});

describe('ResponseCache with a failing storage', () => {
  it('answers from the provider and counts the failures', async () => {
    const broken = {
      get: () => Promise.reject(new Error('connection refused')),
      set: () => Promise.reject(new Error('connection refused')),
      delete: () => Promise.reject(new Error('connection refused')),
    };
    const cache = new ResponseCache({ storage: broken });
    expect(await cache.chat(request, async () => answer('live'))).toMatchObject({
      cacheHit: false,
      result: { text: 'live' },
    });
    const live = provider(streamed);
    expect(await collect(cache.stream(request, live.open).stream)).toEqual(streamed);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(cache.counters.storageErrors).toBe(4);
  });
});

describe('ResponseCache streams', () => {
  it('replays a hit as the identical event sequence', async () => {
    const cache = new ResponseCache();
    const live = provider(streamed);
    const first = cache.stream(request, live.open);
    const liveEvents = await collect(first.stream);
    expect(await first.cacheHit).toBe(false);
    expect(liveEvents).toEqual(streamed);

    const second = cache.stream(request, live.open);
    const replayed = await collect(second.stream);
    expect(await second.cacheHit).toBe(true);
    expect(replayed).toEqual(liveEvents);
    expect(live.calls.count).toBe(1);
    const result = await second.stream.result;
    expect(result).toMatchObject({ text: 'Two plus two is 4.', provider: 'openai', usage, attempts: [] });
    expect(result.toolCalls).toEqual([streamed[3]!.type === 'tool-call' ? streamed[3].toolCall : undefined]);
  });

  it('does not store a stream that ended in an error', async () => {
    const cache = new ResponseCache();
    const error = new SwitchyardError({ kind: 'network', provider: 'openai', message: 'socket closed' });
    const failing = provider([...streamed.slice(0, 2), { type: 'error', error }]);
    const events = await collect(cache.stream(request, failing.open).stream);
    expect(events.at(-1)).toEqual({ type: 'error', error });
    const again = cache.stream(request, failing.open);
    await collect(again.stream);
    expect(await again.cacheHit).toBe(false);
    expect(failing.calls.count).toBe(2);
  });

  it('does not store a stream the consumer stopped reading', async () => {
    const cache = new ResponseCache();
    const live = provider(streamed);
    for await (const event of cache.stream(request, live.open).stream) if (event.type === 'text-delta') break;
    const again = cache.stream(request, live.open);
    expect(await collect(again.stream)).toEqual(streamed);
    expect(await again.cacheHit).toBe(false);
  });

  it('keeps the live result of a miss, provider and attempts included', async () => {
    const cache = new ResponseCache();
    const live = provider(streamed);
    const { stream } = cache.stream(request, live.open);
    expect(await stream.result).toMatchObject({
      provider: 'openai',
      attempts: [],
      text: 'Two plus two is 4.',
    });
  });

  it('bypasses streams too', async () => {
    const cache = new ResponseCache();
    const live = provider(streamed);
    await collect(cache.stream(request, live.open).stream);
    const bypassed = cache.stream(request, live.open, { bypass: true });
    await collect(bypassed.stream);
    expect(await bypassed.cacheHit).toBe(false);
    expect(live.calls.count).toBe(2);
  });
});
