import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../start-test-gateway.js';
import { createVirtualKey } from './create-virtual-key.js';
import { MemoryKeyStore } from './memory-key-store.js';

const MASTER = 'sy-master-models-0123456789';
const keys = new MemoryKeyStore();
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({
    switchyard: {
      config: {
        policies: { retry: { max_retries: 0 } },
        aliases: { fast: 'mock/echo', big: 'mock/echo-large' },
        routes: { both: { chain: ['mock/echo', 'mock/echo-large'] } },
      },
    },
    gateway: { masterKey: MASTER, keys, modelsCacheMs: 0 },
  });
});
afterAll(() => gw.close());

const client = (apiKey: string) => new OpenAI({ baseURL: `${gw.url}/v1`, apiKey, maxRetries: 0 });
async function listed(apiKey: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const model of client(apiKey).models.list()) ids.push(model.id);
  return ids;
}

describe('GET /v1/models for a virtual key', () => {
  it('lists only the models the key may use, with the aliases and routes that reach nothing else', async () => {
    const { secret } = await createVirtualKey(keys, { models: ['mock/echo'] });
    expect(await listed(secret)).toEqual(['mock/echo', 'fast']);
    // An alias the list names is listed by its name, though its model is not.
    const { secret: bigOnly } = await createVirtualKey(keys, { models: ['big'] });
    expect(await listed(bigOnly)).toEqual(['big']);
    const { secret: glob } = await createVirtualKey(keys, { models: ['mock/*'] });
    expect(await listed(glob)).toEqual(['mock/echo', 'mock/echo-large', 'big', 'both', 'fast']);
  });

  it('the master key and a key without a list see everything', async () => {
    const everything = ['mock/echo', 'mock/echo-large', 'big', 'both', 'fast'];
    expect(await listed(MASTER)).toEqual(everything);
    const { secret } = await createVirtualKey(keys, {});
    expect(await listed(secret)).toEqual(everything);
  });

  it('retrieving a model the key may not use is 404 model_not_found, as OpenAI answers', async () => {
    const { secret } = await createVirtualKey(keys, { models: ['mock/echo'] });
    expect(await client(secret).models.retrieve('mock/echo')).toMatchObject({ id: 'mock/echo' });
    expect(await client(secret).models.retrieve('fast')).toMatchObject({ id: 'fast' });
    for (const id of ['mock/echo-large', 'both', 'big']) {
      const error = await client(secret)
        .models.retrieve(id)
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.NotFoundError);
      expect(error).toMatchObject({ status: 404, code: 'model_not_found' });
    }
    expect(await client(MASTER).models.retrieve('mock/echo-large')).toMatchObject({ id: 'mock/echo-large' });
  });

  it('a listed alias can be called; one that reaches another model is refused', async () => {
    const { secret } = await createVirtualKey(keys, { models: ['mock/echo'] });
    const hi = [{ role: 'user' as const, content: 'hi' }];
    const reply = await client(secret).chat.completions.create({ model: 'fast', messages: hi });
    expect(reply.choices[0]!.message.content).toBe('You said: hi');
    await expect(
      client(secret).chat.completions.create({ model: 'both', messages: hi }),
    ).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
  });
});
