import { describe, expect, it } from 'vitest';
import { createVirtualKey } from '../keys/create-virtual-key.js';
import { MemoryKeyStore } from '../keys/memory-key-store.js';
import { createAuthenticator, presentedKey } from './check-auth.js';
import { isLoopbackHost } from './is-loopback.js';

describe('gateway auth', () => {
  it('reads the key from x-api-key or a Bearer authorization', () => {
    expect(presentedKey({ authorization: 'Bearer  sy-1 ' })).toBe('sy-1');
    expect(presentedKey({ authorization: 'bearer sy-2' })).toBe('sy-2');
    expect(presentedKey({ 'x-api-key': 'sy-3', authorization: 'Bearer other' })).toBe('sy-3');
    expect(presentedKey({ authorization: 'Basic abc' })).toBeUndefined();
  });

  it('lets everyone in without a master key', async () => {
    const authenticate = createAuthenticator({});
    expect(await authenticate({})).toEqual({ kind: 'open' });
  });

  it('accepts the master key and refuses a missing or different one', async () => {
    const authenticate = createAuthenticator({ masterKey: 'sy-master-key' });
    expect(await authenticate({ authorization: 'Bearer sy-master-key' })).toEqual({ kind: 'master' });
    expect(() => authenticate({})).toThrow(
      expect.objectContaining({ httpStatus: 401, code: 'missing_api_key' }),
    );
    expect(() => authenticate({ 'x-api-key': 'sy-master-ke' })).toThrow(
      expect.objectContaining({ httpStatus: 401, code: 'invalid_api_key' }),
    );
  });

  it('accepts a live virtual key and refuses expired, revoked and unknown ones', async () => {
    let now = 1_000;
    const keys = new MemoryKeyStore();
    const authenticate = createAuthenticator({ masterKey: 'sy-master-key', keys, now: () => now });
    const live = await createVirtualKey(keys, { team: 'search', expiresAt: 5_000 }, 1_000);
    const revoked = await createVirtualKey(keys, {}, 1_000);
    await keys.revoke(revoked.key.id, 2_000);
    expect(await authenticate({ 'x-api-key': live.secret })).toEqual({ kind: 'virtual', key: live.key });
    expect(await authenticate({ authorization: `Bearer ${live.secret}` })).toMatchObject({ kind: 'virtual' });
    await expect(authenticate({ 'x-api-key': revoked.secret })).rejects.toMatchObject({
      httpStatus: 401,
      code: 'revoked_api_key',
    });
    await expect(authenticate({ 'x-api-key': `${live.secret.slice(0, -1)}x` })).rejects.toMatchObject({
      code: 'invalid_api_key',
    });
    now = 5_000;
    await expect(authenticate({ 'x-api-key': live.secret })).rejects.toMatchObject({
      httpStatus: 401,
      code: 'expired_api_key',
    });
  });
});

describe('isLoopbackHost', () => {
  it('knows the loopback names and addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'example.com'])
      expect(isLoopbackHost(host)).toBe(false);
  });
});
