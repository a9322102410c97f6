import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteLedger } from '../../accounting/ledger/sqlite-ledger.js';
import { Money } from '../../accounting/money.js';
import { createGatewayLogger } from '../gateway-logger.js';
import { startTestGateway, type TestGateway } from '../start-test-gateway.js';
import { callUntilRefused, pricedMockCatalog } from '../test-http-helpers.js';
import { createVirtualKey } from './create-virtual-key.js';
import { MemoryKeyStore } from './memory-key-store.js';

const MASTER = 'sy-master-budgets-0123456789';
const hi = [{ role: 'user' as const, content: 'hi' }];
const dir = mkdtempSync(join(tmpdir(), 'switchyard-key-budgets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A gateway over a SQLite ledger at `ledgerPath`, pricing with the same catalog as its client. */
async function gatewayWithLedger(ledgerPath: string, keys: MemoryKeyStore) {
  const catalog = pricedMockCatalog();
  const ledger = new SqliteLedger({ path: ledgerPath });
  const gw = await startTestGateway({
    switchyard: { catalog, ledger },
    gateway: { masterKey: MASTER, keys, catalog },
  });
  return {
    gw,
    ledger,
    close: async () => {
      await gw.close();
      await ledger.close();
    },
  };
}

async function keySpend(ledger: SqliteLedger, id: string): Promise<Money> {
  const total = (await ledger.totals('key')).find((row) => row.group === id);
  return Money.parse(total?.cost ?? '0');
}

describe('per-key budgets through the official SDKs', () => {
  it('an OpenAI client is refused with 402 insufficient_quota once its key budget would be passed', async () => {
    const keys = new MemoryKeyStore();
    const { gw, ledger, close } = await gatewayWithLedger(join(dir, 'openai.db'), keys);
    try {
      const { secret, key } = await createVirtualKey(keys, { maxBudgetUsd: '0.05', budgetWindow: 'day' });
      const openai = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: secret, maxRetries: 0 });
      const { error, admitted } = await callUntilRefused(gw.mock, () =>
        openai.chat.completions.create({ model: 'mock/echo', messages: hi, max_tokens: 8 }),
      );
      expect(admitted).toBeGreaterThanOrEqual(2);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect(error).toMatchObject({ status: 402, type: 'invalid_request_error', code: 'insufficient_quota' });
      expect((error as InstanceType<typeof OpenAI.APIError>).message).toMatch(/key day budget of \$0\.05/);
      // The ledger rows carry the key; what they add up to never passed the budget.
      const spent = await keySpend(ledger, key.id);
      expect(spent.isZero()).toBe(false);
      expect(spent.greaterThan(Money.parse('0.05'))).toBe(false);
      // Another key, and the master key, are not this key's budget.
      const admin = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: MASTER, maxRetries: 0 });
      await admin.chat.completions.create({ model: 'mock/echo', messages: hi, max_tokens: 8 });
    } finally {
      await close();
    }
  });

  it('an Anthropic client is refused with a billing_error on /v1/messages, streams included', async () => {
    const keys = new MemoryKeyStore();
    const { gw, close } = await gatewayWithLedger(join(dir, 'anthropic.db'), keys);
    try {
      const { secret } = await createVirtualKey(keys, { maxBudgetUsd: '0.05' });
      const anthropic = new Anthropic({ baseURL: gw.url, apiKey: secret, maxRetries: 0 });
      const { error, admitted } = await callUntilRefused(gw.mock, async () => {
        const stream = anthropic.messages.stream({ model: 'mock/echo', max_tokens: 8, messages: hi });
        return stream.finalMessage();
      });
      expect(admitted).toBeGreaterThanOrEqual(2);
      expect(error).toBeInstanceOf(Anthropic.APIError);
      expect(error).toMatchObject({
        status: 402,
        error: { type: 'error', error: { type: 'billing_error' } },
      });
      // Allowing more output makes the worst case dearer: refused without a stream too.
      const before = gw.mock.requests.length;
      await expect(
        anthropic.messages.create({ model: 'mock/echo', max_tokens: 40, messages: hi }),
      ).rejects.toMatchObject({ status: 402 });
      expect(gw.mock.requests.length).toBe(before);
    } finally {
      await close();
    }
  });

  it('a restarted gateway knows what the key spent from the ledger', async () => {
    const keys = new MemoryKeyStore();
    const ledgerPath = join(dir, 'restart.db');
    const { secret, key } = await createVirtualKey(keys, { maxBudgetUsd: '0.05', budgetWindow: 'month' });
    const call = (gw: TestGateway) =>
      new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: secret, maxRetries: 0 }).chat.completions.create({
        model: 'mock/echo',
        messages: hi,
        max_tokens: 8,
      });
    const first = await gatewayWithLedger(ledgerPath, keys);
    await callUntilRefused(first.gw.mock, () => call(first.gw));
    await first.close();

    const second = await gatewayWithLedger(ledgerPath, keys);
    try {
      expect((await keySpend(second.ledger, key.id)).isZero()).toBe(false);
      // Its counters are new, yet the first call is refused: the spend was read back from the ledger.
      const { error, admitted } = await callUntilRefused(second.gw.mock, () => call(second.gw));
      expect(admitted).toBe(0);
      expect(error).toMatchObject({ status: 402, code: 'insufficient_quota' });
    } finally {
      await second.close();
    }
  });

  it('a key created through the admin API with a list of budgets is held to each, and warned at warn_at', async () => {
    const keys = new MemoryKeyStore();
    const lines: string[] = [];
    const catalog = pricedMockCatalog();
    const ledger = new SqliteLedger({ path: join(dir, 'list.db') });
    const gw = await startTestGateway({
      switchyard: { catalog, ledger },
      gateway: {
        masterKey: MASTER,
        keys,
        catalog,
        logger: createGatewayLogger({ write: (line: string) => lines.push(line) }),
      },
    });
    try {
      const created = await fetch(`${gw.url}/admin/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${MASTER}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          budgets: [
            { window: 'day', limit: '0.05', warn_at: 0.25 },
            { window: 'month', limit: '10' },
          ],
        }),
      });
      expect(created.status).toBe(201);
      const body = (await created.json()) as { id: string; key: string; budgets: unknown };
      expect(body.budgets).toEqual([
        { window: 'day', limit: '0.05', warn_at: 0.25 },
        { window: 'month', limit: '10', warn_at: null },
      ]);
      const openai = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: body.key, maxRetries: 0 });
      const { error } = await callUntilRefused(gw.mock, () =>
        openai.chat.completions.create({ model: 'mock/echo', messages: hi, max_tokens: 8 }),
      );
      expect(error).toMatchObject({ status: 402, code: 'insufficient_quota' });
      expect((error as Error).message).toContain(`rule virtual-key:${body.id}:day`);
      const warnings = lines.filter((line) => line.includes('budget-warning'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`"ruleId":"virtual-key:${body.id}:day"`);
      expect(warnings[0]).not.toContain(body.key);
    } finally {
      await gw.close();
      await ledger.close();
    }
  });
});
