import { describe, expect, it } from 'vitest';
import { Switchyard } from '../../client/switchyard.js';
import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { MockProvider } from '../../providers/mock/mock-provider.js';
import { ModelsCache } from './models-cache.js';

/** A provider whose model list fails until told otherwise, counting the calls. */
class FlakyProvider extends MockProvider {
  calls = 0;
  failing = true;
  override async listModels() {
    this.calls++;
    if (this.failing) throw new SwitchyardError({ kind: 'network', provider: this.id, message: 'down' });
    return super.listModels();
  }
}

describe('ModelsCache', () => {
  it('lists every provider as provider/model, leaves out one that fails and asks it again later', async () => {
    const flaky = new FlakyProvider({ id: 'flaky', models: ['m1'] });
    const switchyard = new Switchyard({ env: {}, customProviders: [flaky] });
    const cache = new ModelsCache(switchyard, { ttlMs: 0 });
    expect((await cache.list()).map((m) => m.id)).toEqual(['mock/echo', 'mock/echo-large']);
    flaky.failing = false;
    expect((await cache.list()).map((m) => m.id)).toEqual(['flaky/m1', 'mock/echo', 'mock/echo-large']);
    expect(await cache.find('flaky/m1')).toMatchObject({ provider: 'flaky', ownedBy: 'switchyard' });
    // A lifetime of 0 loads on every call: the failed answer was not kept.
    expect(flaky.calls).toBe(3);
  });

  it('lists configured aliases and routes beside the provider models, and they answer through the client', async () => {
    const switchyard = new Switchyard({
      env: {},
      config: { aliases: { fast: 'mock/echo' }, routes: { nightly: { chain: ['mock/echo-large'] } } },
    });
    const ids = (await new ModelsCache(switchyard).list()).map((m) => m.id);
    expect(ids).toEqual(['mock/echo', 'mock/echo-large', 'fast', 'nightly']);
    const result = await switchyard.chat({ model: 'fast', messages: [{ role: 'user', content: 'hi' }] });
    expect(result.provider).toBe('mock');
  });

  it('reuses a complete answer within its lifetime and shares one load between concurrent callers', async () => {
    const flaky = new FlakyProvider({ id: 'flaky' });
    flaky.failing = false;
    const cache = new ModelsCache(new Switchyard({ env: {}, customProviders: [flaky] }), { ttlMs: 60_000 });
    await Promise.all([cache.list(), cache.list()]);
    await cache.list();
    expect(flaky.calls).toBe(1);
  });
});
