import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../../core/types/chat-result.js';
import type { Provider } from '../../core/types/provider.js';
import { systemClock } from '../clock.js';
import { AttemptScope } from '../timeouts/attempt-scope.js';
import { chatRunner } from './chat-runner.js';

const deployment = { id: 'p/m', provider: 'p', model: 'm' };
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };

function scopeUnder(parent: AbortSignal): AttemptScope {
  return new AttemptScope({ parent, clock: systemClock, timeouts: {}, provider: 'p', model: 'm' });
}

/** A provider whose chat never settles, whatever its signal does. */
function deafProvider(settlesOnAbort?: boolean): { provider: Provider; answer: Promise<ChatResult> } {
  const answer = new Promise<ChatResult>(() => {});
  const provider = { id: 'p', settlesOnAbort, chat: () => answer } as unknown as Provider;
  return { provider, answer };
}

describe('chatRunner', () => {
  it('races a provider that does not say it settles on abort, so an abort frees the try', async () => {
    const caller = new AbortController();
    const { provider } = deafProvider();
    const scope = scopeUnder(caller.signal);
    const running = chatRunner.run(deployment, provider, request, scope);
    caller.abort();
    await expect(running).rejects.toMatchObject({ kind: 'aborted' });
    scope.dispose();
  });

  it("hands back the provider's own promise when it settles on abort: no second listener or promise", () => {
    const caller = new AbortController();
    const { provider, answer } = deafProvider(true);
    const scope = scopeUnder(caller.signal);
    expect(chatRunner.run(deployment, provider, request, scope)).toBe(answer);
    scope.dispose();
  });

  it('passes the try its signal, which aborts with the caller', async () => {
    const caller = new AbortController();
    let seen: AbortSignal | undefined;
    const provider = {
      id: 'p',
      settlesOnAbort: true,
      chat: (sent: { signal?: AbortSignal }) =>
        new Promise<ChatResult>((_, reject) => {
          seen = sent.signal;
          sent.signal?.addEventListener('abort', () => reject(new Error('socket closed')));
        }),
    } as unknown as Provider;
    const scope = scopeUnder(caller.signal);
    const running = chatRunner.run(deployment, provider, request, scope);
    caller.abort();
    await expect(running).rejects.toThrow('socket closed');
    expect(seen?.aborted).toBe(true);
    // What the chain reports for the try is the scope's reason, not the provider's error.
    expect(scope.errorFor(new Error('socket closed')).kind).toBe('aborted');
    scope.dispose();
  });
});
