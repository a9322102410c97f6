import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../core/errors/switchyard-error.js';
import { emptyUsage } from '../core/types/chat-result.js';
import type { StreamEvent } from '../core/types/stream-events.js';
import { StreamLifecycle } from './stream-lifecycle.js';

function collect() {
  const events: StreamEvent[] = [];
  return { events, emit: (event: StreamEvent) => events.push(event) };
}

const notJson = (data: string) => `not JSON: ${data}`;

describe('StreamLifecycle', () => {
  it('emits start once, with the upstream model when it names one and the requested one otherwise', () => {
    const { events, emit } = collect();
    const lifecycle = new StreamLifecycle('acme', 'requested');
    expect(lifecycle.started).toBe(false);
    lifecycle.start(emit);
    lifecycle.start(emit, 'id-2', 'other');
    expect(lifecycle.started).toBe(true);
    expect(events).toEqual([{ type: 'start', id: '', model: 'requested', provider: 'acme', warnings: [] }]);

    const named = collect();
    new StreamLifecycle('acme', 'requested').start(named.emit, 'id-1', 'answered');
    expect(named.events).toEqual([
      { type: 'start', id: 'id-1', model: 'answered', provider: 'acme', warnings: [] },
    ]);
  });

  it('reads JSON until the stream ends, and ends it with a server_error on data that is not JSON', () => {
    const { events, emit } = collect();
    const lifecycle = new StreamLifecycle('acme', 'm');
    expect(lifecycle.readJson(' {"a":1}', emit, notJson)).toEqual({ a: 1 });
    expect(lifecycle.readJson('{oops', emit, notJson)).toBeUndefined();
    expect(lifecycle.done).toBe(true);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'error',
      error: { kind: 'server_error', provider: 'acme', model: 'm', message: 'acme: not JSON: {oops' },
    });
    expect(lifecycle.readJson('{"a":2}', emit, notJson)).toBeUndefined();
    expect(events).toHaveLength(1);
  });

  it('ends once: after finish, a closed connection adds nothing', () => {
    const { events, emit } = collect();
    const lifecycle = new StreamLifecycle('acme', 'm');
    lifecycle.finish(emit, { finishReason: 'stop', rawFinishReason: 'end', usage: emptyUsage() });
    lifecycle.closed(emit, 'connection closed before the end');
    expect(lifecycle.done).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['finish']);
  });

  it('turns a connection closed before the end into a network error', () => {
    const { events, emit } = collect();
    const lifecycle = new StreamLifecycle('acme', 'm');
    lifecycle.closed(emit, 'connection closed before the end');
    expect(events).toEqual([{ type: 'error', error: expect.any(SwitchyardError) }]);
    expect(events[0]).toMatchObject({
      error: { kind: 'network', retryable: true, message: 'acme: connection closed before the end' },
    });
  });

  it('passes an upstream error through as the end', () => {
    const { events, emit } = collect();
    const lifecycle = new StreamLifecycle('acme', 'm');
    const upstream = new SwitchyardError({ kind: 'overloaded', message: 'acme: Overloaded' });
    lifecycle.error(emit, upstream);
    expect(lifecycle.done).toBe(true);
    expect(events).toEqual([{ type: 'error', error: upstream }]);
  });
});
