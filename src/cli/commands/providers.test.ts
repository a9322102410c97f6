import { describe, expect, it } from 'vitest';
import { memoryContext } from '../memory-context.js';
import { runCli } from '../run-cli.js';
import { testDefinition } from '../test-definitions.js';

const definitions = [
  testDefinition(),
  testDefinition({
    id: 'localbox',
    displayName: 'Local box',
    protocol: 'ollama',
    apiKeyEnv: [],
    baseUrlEnv: ['LOCALBOX_HOST'],
    registersWhen: 'base-url',
    defaultBaseUrl: 'http://127.0.0.1:11434',
  }),
];

describe('switchyard providers', () => {
  it('tables every provider with protocol, configured or not and why, base URL and key variable', async () => {
    const context = memoryContext({ env: {}, switchyard: { definitions } });
    expect(await runCli(['providers'], context)).toBe(0);
    const lines = context.stdoutText().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+PROTOCOL\s+CONFIGURED\s+BASE URL\s+KEY VARIABLE\s+WHY$/);
    expect(lines.find((l) => l.startsWith('acme '))).toMatch(
      /^acme\s+openai\s+no\s+https:\/\/api\.acme\.test\/v1\s+ACME_API_KEY\s+no API key: set ACME_API_KEY$/,
    );
    expect(lines.find((l) => l.startsWith('localbox '))).toMatch(
      /ollama\s+no\s+http:\/\/127\.0\.0\.1:11434\s+-\s+local server not configured: set LOCALBOX_HOST$/,
    );
    expect(lines.find((l) => l.startsWith('mock '))).toMatch(/mock\s+yes\s+-\s+-\s+built in/);
    expect(context.stderrText()).toBe('');
  });

  it('says which variable configured a provider, and never prints the key', async () => {
    const context = memoryContext({
      env: { ACME_API_KEY: 'sk-acme-secret-0123456789', ACME_BASE_URL: 'http://127.0.0.1:9/v1' },
      switchyard: { definitions },
    });
    expect(await runCli(['providers'], context)).toBe(0);
    expect(context.stdoutText()).toMatch(
      /acme\s+openai\s+yes\s+http:\/\/127\.0\.0\.1:9\/v1\s+ACME_API_KEY\s+ACME_API_KEY is set/,
    );
    expect(context.stdoutText()).not.toContain('sk-acme-secret');
  });

  it('prints the statuses as JSON with --json', async () => {
    const context = memoryContext({
      env: { ACME_API_KEY: 'sk-acme-secret-0123456789' },
      switchyard: { definitions },
    });
    expect(await runCli(['providers', '--json'], context)).toBe(0);
    const statuses = JSON.parse(context.stdoutText()) as Array<Record<string, unknown>>;
    expect(statuses.map((s) => [s.id, s.configured])).toEqual([
      ['acme', true],
      ['localbox', false],
      ['mock', true],
    ]);
    expect(statuses[0]).toMatchObject({
      protocol: 'openai',
      reason: 'ACME_API_KEY is set',
      baseUrl: 'https://api.acme.test/v1',
      apiKeyEnv: ['ACME_API_KEY'],
      features: { streaming: true, vision: false },
    });
    expect(context.stdoutText()).not.toContain('sk-acme-secret');
  });
});
