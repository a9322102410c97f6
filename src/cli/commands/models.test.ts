import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transportError } from '../../core/errors/transport-error.js';
import { MockProvider } from '../../providers/mock/mock-provider.js';
import { memoryContext } from '../memory-context.js';
import { runCli } from '../run-cli.js';
import { testDefinition } from '../test-definitions.js';

const definitions = [testDefinition()];
const env = { ACME_API_KEY: 'sk-acme-secret-0123456789' };

describe('switchyard models', () => {
  it("lists one provider's models as provider/model ids", async () => {
    const context = memoryContext({ env, switchyard: { definitions } });
    expect(await runCli(['models', 'acme'], context)).toBe(0);
    expect(context.stdoutText()).toBe(
      [
        'MODEL            OWNED BY    CONTEXT',
        'acme/acme-large  switchyard  -',
        'acme/acme-small  switchyard  -',
        '',
      ].join('\n'),
    );
  });

  it('lists every configured provider without an argument, and prints JSON with --json', async () => {
    const context = memoryContext({ env, switchyard: { definitions } });
    expect(await runCli(['models', '--json'], context)).toBe(0);
    const models = JSON.parse(context.stdoutText()) as Array<{ id: string; provider: string }>;
    expect(models.map((m) => `${m.provider}/${m.id}`)).toEqual([
      'acme/acme-large',
      'acme/acme-small',
      'mock/echo',
      'mock/echo-large',
    ]);
  });

  it('names an unconfigured provider and the variable to set, exiting 1', async () => {
    const context = memoryContext({ env: {}, switchyard: { definitions } });
    expect(await runCli(['models', 'acme'], context)).toBe(1);
    expect(context.stdoutText()).toBe('');
    expect(context.stderrText()).toBe(
      "switchyard: acme: authentication: provider 'acme' is not configured: no API key: set ACME_API_KEY\n",
    );
  });

  it("still prints the other providers' models when one fails, then exits 1", async () => {
    const broken = new MockProvider({ id: 'broken' });
    broken.listModels = async () => {
      const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
      throw transportError(refused, { provider: 'broken' });
    };
    const context = memoryContext({ env: {}, switchyard: { definitions: [], customProviders: [broken] } });
    expect(await runCli(['models'], context)).toBe(1);
    expect(context.stdoutText()).toContain('mock/echo');
    expect(context.stderrText().split('\n')).toEqual([
      'switchyard: broken: network: connection refused (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:9. ' +
        'Fix: cannot reach broken: check that the server is up and the address is right.',
      'switchyard: 1 provider(s) could not list their models (see above)',
      '',
    ]);
  });
});

describe('switchyard models (catalog)', () => {
  it('prints catalog models meeting capabilities, context and price, cheapest first', async () => {
    const args = ['models', '--capability', 'tools', '--capability', 'vision', '--min-context', '100000'];
    const ok = memoryContext();
    expect(await runCli([...args, '--max-input-price', '0.12'], ok)).toBe(0);
    const lines = ok.stdoutText().split('\n');
    expect(lines[0]).toBe(
      'MODEL                                           CONTEXT  MAX OUT  $/M IN  $/M CACHED  $/M OUT  CAPABILITIES',
    );
    expect(lines.slice(1, -2).map((line) => line.split(/\s+/)[0])).toEqual([
      'openai/gpt-5-nano',
      'mistral/mistral-small-2506',
      'groq/meta-llama/llama-4-scout-17b-16e-instruct',
      'gemini/gemini-2.5-flash-lite',
      'openai/gpt-4.1-nano',
    ]);
    expect(lines[1]).toMatch(/^openai\/gpt-5-nano\s+400K\s+128K\s+0\.05\s+0\.005\s+0\.4\s+text,chat,/);
    expect(lines.at(-2)).toBe('* price not confirmed at the source');
  });

  it('accepts synonyms, a provider and --json', async () => {
    const context = memoryContext();
    expect(
      await runCli(
        ['models', 'anthropic', '--capability', 'tool-calling', '--max-input-price', '1', '--json'],
        context,
      ),
    ).toBe(0);
    const models = JSON.parse(context.stdoutText()) as Array<{
      provider: string;
      id: string;
      prices: { input: string };
    }>;
    expect(models.map((m) => m.id)).toContain('claude-haiku-4-5');
    expect(models.every((m) => m.provider === 'anthropic' && Number(m.prices.input) <= 1)).toBe(true);
  });

  it('lists embedding models for --embedding or --capability embeddings', async () => {
    for (const flag of [['--embedding'], ['--capability', 'embeddings']]) {
      const context = memoryContext();
      expect(await runCli(['models', 'openai', ...flag], context)).toBe(0);
      expect(
        context
          .stdoutText()
          .split('\n')
          .slice(1, 4)
          .map((line) => line.split(/\s+/)[0]),
      ).toEqual([
        'openai/text-embedding-3-small',
        'openai/text-embedding-ada-002',
        'openai/text-embedding-3-large',
      ]);
    }
  });

  it('compares models side by side', async () => {
    const context = memoryContext();
    expect(
      await runCli(['models', '--compare', 'claude-sonnet-4-5', 'openai/gpt-5', 'gemini-2.5-pro'], context),
    ).toBe(0);
    const lines = context.stdoutText().split('\n');
    expect(lines[0]!.trim().split(/\s+/)).toEqual([
      'anthropic/claude-sonnet-4-5',
      'openai/gpt-5',
      'gemini/gemini-2.5-pro',
    ]);
    expect(lines).toContain('$/M input           3                            1.25          1.25');
    expect(lines).toContain('higher tiers        >200K: 6/22.5                -             >200K: 2.5/15');
  });

  it('names models it does not know, and capabilities it does not know', async () => {
    const context = memoryContext();
    expect(await runCli(['models', '--compare', 'gpt-5', 'gpt-9000'], context)).toBe(1);
    expect(context.stderrText()).toContain('not in the catalog: gpt-9000');
    const bad = memoryContext();
    expect(await runCli(['models', '--capability', 'telepathy'], bad)).toBe(1);
    expect(bad.stderrText()).toContain('unknown capability; one of text, chat,');
  });

  it('layers a user catalog file over the built-in data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-catalog-'));
    writeFileSync(
      join(dir, 'my-models.yaml'),
      [
        'provider: acme',
        'source: { url: "https://acme.example/prices", checked: "2025-12-01" }',
        'models:',
        '  - id: acme-large',
        '    contextWindow: 300000',
        '    prices: { input: "0.01", output: "0.02" }',
        '    capabilities: [text, chat, tools, vision]',
        '',
      ].join('\n'),
    );
    const context = memoryContext({ cwd: dir });
    const args = ['models', 'acme', '--catalog-file', 'my-models.yaml', '--capability', 'vision'];
    expect(await runCli(args, context)).toBe(0);
    expect(context.stdoutText().split('\n')[1]).toMatch(
      /^acme\/acme-large\s+300K\s+-\s+0\.01\s+-\s+0\.02\s+/,
    );
  });
});
