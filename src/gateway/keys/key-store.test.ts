import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createVirtualKey } from './create-virtual-key.js';
import { hashKeySecret } from './key-secret.js';
import type { KeyStore } from './key-store.js';
import { MemoryKeyStore } from './memory-key-store.js';
import { SqliteKeyStore } from './sqlite-key-store.js';
import { verifyVirtualKey } from './verify-virtual-key.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

const stores: Array<[string, () => KeyStore]> = [
  ['memory', () => new MemoryKeyStore()],
  ['sqlite', () => new SqliteKeyStore({ path: join(dir, `keys-${files++}.db`) })],
];

describe.each(stores)('%s key store', (_name, open) => {
  it('keeps every setting, lists oldest first and finds by prefix', async () => {
    const store = open();
    const settings = {
      name: 'search',
      models: ['openai/*', 'fast'],
      maxBudgetUsd: '12.5',
      budgetWindow: 'day' as const,
      budgets: [{ window: 'month' as const, limitUsd: '100', warnAt: 0.5 }],
      rpm: 60,
      tpm: 10_000,
      maxConcurrent: 4,
      expiresAt: 2_000_000,
      user: 'alice',
      team: 'search',
      tags: ['prod'],
    };
    const first = await createVirtualKey(store, settings, 1_000);
    const second = await createVirtualKey(store, {}, 2_000);
    expect(await store.get(first.key.id)).toEqual({
      ...settings,
      id: first.key.id,
      prefix: first.secret.slice(0, 14),
      createdAt: 1_000,
      hash: hashKeySecret(first.secret),
    });
    expect((await store.list()).map((key) => key.id)).toEqual([first.key.id, second.key.id]);
    expect(await store.get('key_missing')).toBeUndefined();
    const found = await store.findByPrefix(second.key.prefix);
    expect(found.map((key) => key.id)).toEqual([second.key.id]);
    expect(found[0]).not.toHaveProperty('name');
    await store.close();
  });

  it('revokes once: the first time stays, and an unknown id is undefined', async () => {
    const store = open();
    const { key } = await createVirtualKey(store, {}, 1_000);
    expect((await store.revoke(key.id, 5_000))?.revokedAt).toBe(5_000);
    expect((await store.revoke(key.id, 9_000))?.revokedAt).toBe(5_000);
    expect(await store.revoke('key_missing', 9_000)).toBeUndefined();
    await store.close();
  });

  it('verifies the secret, and tells unknown, expired and revoked apart', async () => {
    const store = open();
    const live = await createVirtualKey(store, { user: 'bob' }, 1_000);
    const expiring = await createVirtualKey(store, { expiresAt: 5_000 }, 1_000);
    const revoked = await createVirtualKey(store, {}, 1_000);
    await store.revoke(revoked.key.id, 2_000);
    expect(await verifyVirtualKey(store, live.secret, 3_000)).toEqual({ ok: true, key: live.key });
    expect(await verifyVirtualKey(store, expiring.secret, 4_999)).toMatchObject({ ok: true });
    expect(await verifyVirtualKey(store, expiring.secret, 5_000)).toEqual({ ok: false, reason: 'expired' });
    expect(await verifyVirtualKey(store, revoked.secret, 3_000)).toEqual({ ok: false, reason: 'revoked' });
    // Same lookup prefix, different secret: the digest decides.
    const forged = `${live.secret.slice(0, -4)}AAAA`;
    expect(await verifyVirtualKey(store, forged, 3_000)).toEqual({ ok: false, reason: 'unknown' });
    expect(await verifyVirtualKey(store, 'sk-sy-short', 3_000)).toEqual({ ok: false, reason: 'unknown' });
    expect(await verifyVirtualKey(store, 'sk-proj-something-else-entirely-000000', 3_000)).toMatchObject({
      ok: false,
    });
    await store.close();
  });
});

describe('SQLite key store on disk', () => {
  it('never writes a secret in clear, only its digest, and reopens with its keys', async () => {
    const path = join(dir, 'on-disk.db');
    const store = new SqliteKeyStore({ path });
    const created = await Promise.all([1, 2, 3].map(() => createVirtualKey(store, { user: 'carol' })));
    const bytes = () =>
      [path, `${path}-wal`]
        .filter((file) => existsSync(file))
        .map((file) => readFileSync(file).toString('latin1'))
        .join('');
    for (const { secret } of created) {
      expect(bytes()).not.toContain(secret);
      expect(bytes()).not.toContain(secret.slice(14));
      expect(bytes()).toContain(hashKeySecret(secret));
    }
    await store.close();
    const reopened = new SqliteKeyStore({ path });
    expect(await reopened.list()).toHaveLength(3);
    expect(await verifyVirtualKey(reopened, created[1]!.secret)).toMatchObject({
      ok: true,
      key: { id: created[1]!.key.id, user: 'carol' },
    });
    expect(readFileSync(path).toString('latin1')).not.toContain(created[1]!.secret);
    await reopened.close();
  });
});
