import { describe, expect, it } from 'vitest';
import { asRequestSignal, CallAbort } from '../../core/abort/call-signal.js';
import type { ChatRequest } from '../../core/types/chat-request.js';
import { attemptRequest } from './attempt-request.js';

const deployment = { id: 'openai/gpt-4o', provider: 'openai', model: 'gpt-4o' };
/** A provider of Switchyard's own (it reads only the CallSignal part of a signal), and one that is not. */
const ours = { acceptsCallSignals: true };
const foreign = {};
const base: ChatRequest = { model: 'smart', messages: [{ role: 'user', content: 'Hi' }], temperature: 0.2 };

describe('attemptRequest', () => {
  it('copies the request with the deployment model and no signal or timeout keys when none is needed', () => {
    const sent = attemptRequest(base, deployment, undefined, ours);
    expect(sent).toEqual({ ...base, model: 'gpt-4o' });
    expect(Object.keys(sent)).toEqual(Object.keys({ ...base, model: 'gpt-4o' }));
    expect(sent).not.toBe(base);
    expect(base.model).toBe('smart');
  });

  it("keeps the caller's own signal when the try runs under it", () => {
    const signal = new AbortController().signal;
    const sent = attemptRequest({ ...base, signal }, deployment, signal, ours);
    expect(sent.signal).toBe(signal);
    expect(sent.timeoutMs).toBeUndefined();
  });

  it("replaces the caller's signal by the try's", () => {
    const caller = new AbortController().signal;
    const attempt = new AbortController().signal;
    expect(attemptRequest({ ...base, signal: caller }, deployment, attempt, ours).signal).toBe(attempt);
    expect(attemptRequest(base, deployment, attempt, ours).signal).toBe(attempt);
  });

  it("drops the caller's timeoutMs (the executor owns every timeout)", () => {
    const sent = attemptRequest({ ...base, timeoutMs: 50 }, deployment, undefined, ours);
    expect(sent.timeoutMs).toBeUndefined();
    expect(sent.signal).toBeUndefined();
    expect(sent.model).toBe('gpt-4o');
  });

  it("hands a gateway's CallAbort on to a provider of Switchyard's own as it is", () => {
    const abort = new CallAbort();
    const signal = asRequestSignal(abort);
    const sent = attemptRequest({ ...base, signal }, deployment, abort, ours);
    expect(sent.signal).toBe(abort);
    expect(Object.keys(sent)).toEqual(Object.keys({ ...base, signal, model: 'gpt-4o' }));
  });

  it('gives any other provider a real AbortSignal that follows the CallAbort, with its reason', () => {
    const abort = new CallAbort();
    const sent = attemptRequest({ ...base, signal: asRequestSignal(abort) }, deployment, abort, foreign);
    expect(sent.signal).toBeInstanceOf(AbortSignal);
    expect(sent.signal?.aborted).toBe(false);
    const reason = new Error('client left');
    abort.abort(reason);
    expect(sent.signal?.aborted).toBe(true);
    expect(sent.signal?.reason).toBe(reason);
    // The same real signal for every try of the call.
    expect(attemptRequest(base, deployment, abort, foreign).signal).toBe(sent.signal);
  });

  it('passes a real AbortSignal to any provider untouched', () => {
    const signal = new AbortController().signal;
    expect(attemptRequest({ ...base, signal }, deployment, signal, foreign).signal).toBe(signal);
  });
});
