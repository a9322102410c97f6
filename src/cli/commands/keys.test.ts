import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteKeyStore } from '../../gateway/keys/sqlite-key-store.js';
import { verifyVirtualKey } from '../../gateway/keys/verify-virtual-key.js';
import { memoryContext } from '../memory-context.js';
import { runCli } from '../run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-cli-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], env: Record<string, string> = {}) {
  const context = memoryContext({ env, cwd: dir });
  const code = await runCli(argv, context);
  return { code, out: context.stdoutText(), err: context.stderrText() };
}

const secretIn = (text: string) => /sk-sy-[A-Za-z0-9_-]{43}/.exec(text)?.[0];

describe('switchyard keys', () => {
  it('creates a key with its settings, prints it once, and the store holds only its digest', async () => {
    const db = join(dir, 'create.db');
    const created = await run([
      'keys',
      'create',
      '--db',
      db,
      '--name',
      'ci',
      '--models',
      'openai/*, fast',
      '--expires',
      '30d',
      '--budget',
      '10',
      '--rpm',
      '60',
      '--user',
      'u1',
      '--team',
      't1',
      '--tags',
      'a,b',
    ]);
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    const secret = secretIn(created.out)!;
    expect(created.out).toMatch(/^Created key_\S+ \(ci\) in .*create\.db\n\n {2}sk-sy-/);
    expect(created.out).toMatch(/shown only this once/);

    const store = new SqliteKeyStore({ path: db });
    const verdict = await verifyVirtualKey(store, secret);
    await store.close();
    expect(verdict).toMatchObject({
      ok: true,
      key: {
        name: 'ci',
        models: ['openai/*', 'fast'],
        maxBudgetUsd: '10',
        budgetWindow: 'month',
        rpm: 60,
        user: 'u1',
        team: 't1',
        tags: ['a', 'b'],
      },
    });
    const lifetime = verdict.ok ? verdict.key.expiresAt! - verdict.key.createdAt : 0;
    expect(lifetime).toBe(30 * 86_400_000);
    expect(readFileSync(db).toString('latin1')).not.toContain(secret);

    const listed = await run(['keys', 'list', '--db', db]);
    expect(listed.out).toMatch(
      /^ID\s+NAME\s+PREFIX\s+STATUS\s+USER\s+TEAM\s+BUDGET\s+RPM\s+EXPIRES\s+MODELS\n/,
    );
    expect(listed.out).toMatch(
      /key_\S+\s+ci\s+sk-sy-\S{8}\.\.\.\s+active\s+u1\s+t1\s+\$10\/month\s+60\s+\d{4}-/,
    );
    expect(listed.out).not.toContain(secret);
  });

  it('takes several budgets with --limit window=usd[@warn], stored and shown with the key', async () => {
    const db = join(dir, 'limits.db');
    const flags = '--name two-windows --limit day=5 --limit month=100@0.8 --json'.split(' ');
    const created = await run(['keys', 'create', '--db', db, ...flags]);
    expect(created.code).toBe(0);
    const shown = JSON.parse(created.out) as { id: string; budgets?: unknown };
    expect(shown.budgets).toEqual([
      expect.objectContaining({ window: 'day', limit: '5' }),
      expect.objectContaining({ window: 'month', limit: '100', warn_at: 0.8 }),
    ]);
    const bad = await run(['keys', 'create', '--db', db, '--limit', 'fortnight=5']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--limit: /);
    const malformed = await run(['keys', 'create', '--db', db, '--limit', 'five dollars']);
    expect(malformed.code).not.toBe(0);
    expect(malformed.err).toMatch(/--limit/);
  });

  it('finds the store through SWITCHYARD_KEYS_DB, lists JSON and revokes by id', async () => {
    const env = { SWITCHYARD_KEYS_DB: 'env-keys.db' };
    const created = await run(['keys', 'create', '--json', '--expires', '2999-01-01'], env);
    const json = JSON.parse(created.out) as { id: string; key: string; expires_at: string };
    expect(json.expires_at).toBe('2999-01-01T00:00:00.000Z');
    const revoked = await run(['keys', 'revoke', json.id], env);
    expect(revoked).toMatchObject({ code: 0, out: `Revoked ${json.id}.\n` });
    const listed = JSON.parse((await run(['keys', 'list', '--json'], env)).out) as Array<
      Record<string, unknown>
    >;
    expect(listed).toEqual([expect.objectContaining({ id: json.id, status: 'revoked' })]);
    expect(JSON.stringify(listed)).not.toContain(json.key);
    const store = new SqliteKeyStore({ path: join(dir, 'env-keys.db') });
    expect(await verifyVirtualKey(store, json.key)).toEqual({ ok: false, reason: 'revoked' });
    await store.close();
  });

  it('says so for an empty store or an unknown id, and refuses bad settings naming the flag', async () => {
    const db = join(dir, 'absent.db');
    expect((await run(['keys', 'list', '--db', db])).out).toMatch(/^No keys in .*absent\.db/);
    const unknown = await run(['keys', 'revoke', 'key_nope', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no key with id 'key_nope'/);
    const badExpiry = await run(['keys', 'create', '--db', db, '--expires', 'soon']);
    expect(badExpiry.code).toBe(2);
    expect(badExpiry.err).toMatch(/--expires: expires_in must be a lifetime/);
    const badBudget = await run(['keys', 'create', '--db', db, '--budget', 'lots']);
    expect(badBudget.err).toMatch(/--budget: /);
    const badRpm = await run(['keys', 'create', '--db', db, '--rpm', '0']);
    expect(badRpm.code).not.toBe(0);
    expect((await run(['keys', 'list', '--db', db])).out).toMatch(/^No keys/);
  });

  it('serve uses the same store: a key created and revoked by the CLI counts on the next request', async () => {
    const cwd = mkdtempSync(join(dir, 'serve-'));
    const env = { SWITCHYARD_MASTER_KEY: 'sy-master-serve-0123456789' };
    const controller = new AbortController();
    const server = memoryContext({ env, cwd, signal: controller.signal });
    const exit = runCli(['serve', '--port', '0'], server);
    const url = await waitForUrl(server.stdoutText);
    const cli = async (argv: string[]) => {
      const context = memoryContext({ env, cwd });
      expect(await runCli(argv, context)).toBe(0);
      return context.stdoutText();
    };
    const secret = secretIn(await cli(['keys', 'create', '--models', 'mock/*', '--user', 'dana']))!;
    const ask = (model: string) =>
      fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
      });
    expect((await ask('mock/echo')).status).toBe(200);
    expect((await ask('openai/gpt-4o')).status).toBe(403);
    const [{ id }] = JSON.parse(await cli(['keys', 'list', '--json'])) as Array<{ id: string }>;
    await cli(['keys', 'revoke', id!]);
    expect((await ask('mock/echo')).status).toBe(401);
    controller.abort();
    expect(await exit).toBe(0);
    expect(server.stdoutText()).not.toContain(secret);
    expect(server.stdoutText()).toContain(`"key":"${id}"`);
  });
});

async function waitForUrl(read: () => string): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(read());
    if (match) return match[1]!;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the gateway never printed its url');
}
