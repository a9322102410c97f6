import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryLedger } from '../accounting/ledger/memory-ledger.js';
import { Switchyard } from '../client/switchyard.js';
import { loadConfig } from '../config/load-config.js';
import { MockProvider } from '../providers/mock/mock-provider.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-pipeline-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hi = [{ role: 'user' as const, content: 'hi' }];

async function clientFrom(yaml: string, provider: MockProvider) {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, yaml);
  const config = await loadConfig({ path, env: {} });
  const ledger = new MemoryLedger();
  return { sy: new Switchyard({ env: {}, config, customProviders: [provider], ledger }), ledger };
}

describe('the pipeline a config file asks for', () => {
  it('prices calls and resolves requirement routes with catalog.files, relative to the config file', async () => {
    writeFileSync(
      join(dir, 'models.yaml'),
      [
        'provider: acme',
        'source: { url: "https://acme.example/pricing", checked: "2026-11-01" }',
        'models:',
        '  - id: rocket-1',
        '    contextWindow: 200000',
        '    prices: { input: "2.00", output: "10.00" }',
        '    capabilities: [text, chat, streaming, tools]',
      ].join('\n'),
    );
    const acme = new MockProvider({
      id: 'acme',
      defaultReply: { text: 'ok', usage: { inputTokens: 1000, outputTokens: 100 } },
    });
    const { sy, ledger } = await clientFrom(
      [
        'catalog:',
        '  files: [./models.yaml]',
        'routes:',
        '  cheap-tools:',
        '    require: { capabilities: [tools], min_context: 150000, preferred_providers: [acme] }',
      ].join('\n'),
      acme,
    );
    expect(sy.plan({ model: 'cheap-tools' }).groups[0]?.deployments[0]).toMatchObject({
      provider: 'acme',
      model: 'rocket-1',
    });
    const result = await sy.chat({ model: 'acme/rocket-1', messages: hi });
    // 1000 x $2/M + 100 x $10/M = $0.003
    expect(result.cost?.total).toBe('0.003');
    expect((await ledger.query())[0]?.cost).toBe('0.003');
  });

  it('caches nothing without a cache: section, and replays with one', async () => {
    const plain = new MockProvider({ id: 'openai' });
    const { sy } = await clientFrom('policies: { retry: { max_retries: 0 } }', plain);
    const request = { model: 'openai/gpt-4o-mini', temperature: 0, messages: hi };
    await sy.chat(request);
    await sy.chat(request);
    expect(plain.requests).toHaveLength(2);

    const cached = new MockProvider({ id: 'openai' });
    const { sy: withCache } = await clientFrom('cache: { ttl_ms: 1m }', cached);
    await withCache.chat(request);
    await withCache.chat(request);
    expect(cached.requests).toHaveLength(1);
  });
});
