import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../core/types/chat-request.js';
import { attemptRequest } from './attempt-request.js';

const deployment = { id: 'openai/gpt-4o', provider: 'openai', model: 'gpt-4o' };
const base: ChatRequest = { model: 'smart', messages: [{ role: 'user', content: 'Hi' }], temperature: 0.2 };

describe('attemptRequest', () => {
  it('copies the request with the deployment model and no signal or timeout keys when none is needed', () => {
    const sent = attemptRequest(base, deployment, undefined);
    expect(sent).toEqual({ ...base, model: 'gpt-4o' });
    expect(Object.keys(sent)).toEqual(Object.keys({ ...base, model: 'gpt-4o' }));
    expect(sent).not.toBe(base);
    expect(base.model).toBe('smart');
  });

  it("keeps the caller's own signal when the try runs under it", () => {
    const signal = new AbortController().signal;
    const sent = attemptRequest({ ...base, signal }, deployment, signal);
    expect(sent.signal).toBe(signal);
    expect(sent.timeoutMs).toBeUndefined();
  });

  it("replaces the caller's signal by the try's", () => {
    const caller = new AbortController().signal;
    const attempt = new AbortController().signal;
    expect(attemptRequest({ ...base, signal: caller }, deployment, attempt).signal).toBe(attempt);
    expect(attemptRequest(base, deployment, attempt).signal).toBe(attempt);
  });

  it("drops the caller's timeoutMs (the executor owns every timeout)", () => {
    const sent = attemptRequest({ ...base, timeoutMs: 50 }, deployment, undefined);
    expect(sent.timeoutMs).toBeUndefined();
    expect(sent.signal).toBeUndefined();
    expect(sent.model).toBe('gpt-4o');
  });
});
