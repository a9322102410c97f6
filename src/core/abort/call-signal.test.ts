import { afterEach, describe, expect, it, vi } from 'vitest';
import { asRequestSignal, CallAbort, type CallSignal, signalForProvider } from './call-signal.js';

/** Something that aborts and the signal it aborts: a DOM AbortController or a CallAbort. */
interface Source {
  signal: CallSignal;
  abort(reason?: unknown): void;
}

const dom = (): Source => {
  const controller = new AbortController();
  return { signal: controller.signal, abort: (reason) => controller.abort(reason) };
};
const call = (): Source => {
  const abort = new CallAbort();
  return { signal: abort, abort: (reason) => abort.abort(reason) };
};

/**
 * The listener rules Switchyard's code relies on, played the same way on both: what fires, in
 * which order, how often.
 */
function script(source: Source): string[] {
  const log: string[] = [];
  const a = () => log.push('a');
  const b = () => log.push('b');
  const c = () => log.push('c');
  const gone = () => log.push('removed');
  const skipped = () => log.push('removed during the abort');
  const { signal } = source;
  signal.addEventListener('abort', () => {
    log.push('remover');
    signal.removeEventListener('abort', skipped);
  });
  signal.addEventListener('abort', a, { once: true });
  signal.addEventListener('abort', b);
  signal.addEventListener('abort', b);
  signal.addEventListener('abort', gone);
  signal.addEventListener('abort', c, { once: true });
  signal.addEventListener('abort', skipped);
  signal.removeEventListener('abort', gone);
  signal.removeEventListener('abort', () => log.push('never added'));
  log.push(`aborted before: ${signal.aborted}`);
  source.abort('why');
  log.push(`aborted after: ${signal.aborted}, reason: ${String(signal.reason)}`);
  signal.addEventListener('abort', () => log.push('added late'));
  source.abort('again');
  log.push(`reason now: ${String(signal.reason)}`);
  return log;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('CallAbort', () => {
  it('follows the DOM signal: order, one call per listener, removal, late listeners, one abort', () => {
    expect(script(call())).toEqual(script(dom()));
    expect(script(call())).toEqual([
      'aborted before: false',
      'remover',
      'a',
      'b',
      'c',
      'aborted after: true, reason: why',
      'reason now: why',
    ]);
  });

  it('aborts with an AbortError when no reason is given, as AbortController does', () => {
    const abort = new CallAbort();
    abort.abort();
    const reason = abort.reason as DOMException;
    expect(reason).toBeInstanceOf(DOMException);
    const controller = new AbortController();
    controller.abort();
    const expected = controller.signal.reason as DOMException;
    expect(reason.name).toBe('AbortError');
    expect([reason.name, reason.message]).toEqual([expected.name, expected.message]);
    expect(() => abort.throwIfAborted()).toThrow(reason);
  });

  it('lets every listener run when one throws, and throws that error again outside', () => {
    const deferred: Array<() => void> = [];
    vi.spyOn(process, 'nextTick').mockImplementation(((fn: () => void) => {
      deferred.push(fn);
    }) as typeof process.nextTick);
    const abort = new CallAbort();
    const ran: string[] = [];
    abort.addEventListener('abort', () => {
      ran.push('first');
      throw new Error('listener bug');
    });
    abort.addEventListener('abort', () => ran.push('second'));
    abort.abort();
    expect(ran).toEqual(['first', 'second']);
    expect(deferred).toHaveLength(1);
    expect(() => deferred[0]!()).toThrow('listener bug');
  });

  it('makes one real AbortSignal on demand that follows it, before or after the abort', () => {
    const early = new CallAbort();
    const real = early.toAbortSignal();
    expect(real).toBeInstanceOf(AbortSignal);
    expect(early.toAbortSignal()).toBe(real);
    expect(real.aborted).toBe(false);
    early.abort('gone');
    expect(real.aborted).toBe(true);
    expect(real.reason).toBe('gone');

    const late = new CallAbort();
    late.abort('already');
    expect(late.toAbortSignal().aborted).toBe(true);
    expect(late.toAbortSignal().reason).toBe('already');
  });
});

describe('signalForProvider', () => {
  it('keeps a CallAbort for a provider that reads only CallSignal, and gives others a real signal', () => {
    const abort = new CallAbort();
    expect(signalForProvider(abort, { acceptsCallSignals: true })).toBe(abort);
    const real = signalForProvider(abort, {});
    expect(real).toBeInstanceOf(AbortSignal);
    expect(real).toBe(abort.toAbortSignal());
  });

  it('passes a real AbortSignal, or none, through untouched', () => {
    const signal = new AbortController().signal;
    expect(signalForProvider(signal, {})).toBe(signal);
    expect(signalForProvider(undefined, {})).toBeUndefined();
  });

  it('types a CallAbort as the request signal without wrapping it', () => {
    const abort = new CallAbort();
    expect(asRequestSignal(abort)).toBe(abort);
  });
});
