import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthSnapshot } from '../../health/health-status.js';
import { closedPortOrigin } from '../../policies/executor/http-harness.js';
import type { MockHttpServer } from '../../testing/mock-http-server.js';
import { startOpenAIMockServer } from '../../testing/openai-mock-server.js';
import { memoryContext } from '../memory-context.js';
import { runCli } from '../run-cli.js';

const OPENAI_KEY = 'sk-health-openai-0123456789';
const ANTHROPIC_KEY = 'sk-ant-health-0123456789';

/** openai answers on a loopback mock server; anthropic points at a port that refuses connections. */
let server: MockHttpServer;
let env: Record<string, string>;
let dir: string;

beforeAll(async () => {
  server = await startOpenAIMockServer({ apiKey: OPENAI_KEY });
  env = {
    OPENAI_API_KEY: OPENAI_KEY,
    OPENAI_BASE_URL: `${server.origin}/v1`,
    ANTHROPIC_API_KEY: ANTHROPIC_KEY,
    ANTHROPIC_BASE_URL: await closedPortOrigin(),
  };
  dir = await mkdtemp(join(tmpdir(), 'switchyard-health-'));
  await writeFile(
    join(dir, 'required-anthropic.yaml'),
    [
      'aliases:',
      '  smart: [anthropic/claude-sonnet-4-5, openai/gpt-4o-mini]',
      'health:',
      '  timeout_ms: 5s',
      '  required_providers: [anthropic]',
    ].join('\n'),
  );
  await writeFile(join(dir, 'required-openai.yaml'), 'health:\n  required_providers: [openai]\n');
});
afterAll(() => server.close());

async function health(...argv: string[]) {
  const context = memoryContext({ env, cwd: dir });
  const code = await runCli(argv, context);
  return { code, stdout: context.stdoutText(), stderr: context.stderrText() };
}

/** The table's row for a provider, split into its columns (two or more spaces apart). */
function row(stdout: string, provider: string): string[] {
  const line = stdout.split('\n').find((l) => l.startsWith(`${provider} `));
  if (!line) throw new Error(`no row for ${provider} in:\n${stdout}`);
  return line.split(/\s{2,}/);
}

describe('switchyard health', () => {
  it('tables each provider with state, latency, breaker and reason, and exits 0 when nothing required is down', async () => {
    const { code, stdout, stderr } = await health('health');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^PROVIDER\s+STATUS\s+REQUIRED\s+LATENCY\s+BREAKER\s+REASON$/);
    expect(row(stdout, 'openai')).toEqual([
      'openai',
      'healthy',
      expect.stringMatching(/^\d+ ms$/),
      '-',
      expect.stringMatching(/^health check passed in \d+ ms$/),
    ]);
    const anthropic = row(stdout, 'anthropic');
    expect(anthropic.slice(0, 2)).toEqual(['anthropic', 'down']);
    expect(anthropic.at(-1)).toMatch(/^health check failed: network: /);
    expect(stdout).toMatch(/\n\noverall: degraded\n$/);
    // The check is the model list, sent with the key to the live server only.
    expect(server.requests.some((r) => r.method === 'GET' && r.url === '/v1/models')).toBe(true);
    expect(stdout).not.toContain(OPENAI_KEY);
    expect(stdout).not.toContain(ANTHROPIC_KEY);
  });

  it('exits 1 with one line on stderr when a provider named in --required is down', async () => {
    const { code, stdout, stderr } = await health('health', '--required', 'openai, anthropic');
    expect(code).toBe(1);
    expect(row(stdout, 'anthropic').slice(0, 3)).toEqual(['anthropic', 'down', 'yes']);
    expect(row(stdout, 'openai').slice(0, 3)).toEqual(['openai', 'healthy', 'yes']);
    expect(stdout).toMatch(/\noverall: down; required provider\(s\) down: anthropic\n$/);
    expect(stderr).toBe('switchyard: required provider(s) down: anthropic\n');
  });

  it('exits 0 when only the live provider is required', async () => {
    const { code } = await health('health', '--required', 'openai');
    expect(code).toBe(0);
  });

  it('takes required providers from the config file, and shows the circuits of its deployments', async () => {
    const down = await health('--config', 'required-anthropic.yaml', 'health');
    expect(down.code).toBe(1);
    expect(down.stderr).toBe('switchyard: required provider(s) down: anthropic\n');
    // Both deployments of `smart` are known to the router; no call has failed, so both are closed.
    expect(row(down.stdout, 'anthropic').at(-2)).toBe('closed');
    expect(row(down.stdout, 'openai').at(-2)).toBe('closed');

    const up = await health('--config', 'required-openai.yaml', 'health');
    expect(up.code).toBe(0);
    expect(row(up.stdout, 'openai').slice(0, 3)).toEqual(['openai', 'healthy', 'yes']);
  });

  it('counts a required provider that is not configured at all as down', async () => {
    const { code, stdout, stderr } = await health('health', '--required', 'gemini');
    expect(code).toBe(1);
    expect(row(stdout, 'gemini')).toEqual([
      'gemini',
      'down',
      'yes',
      '-',
      expect.stringMatching(/^not configured: .*GEMINI_API_KEY/),
    ]);
    expect(stderr).toBe('switchyard: required provider(s) down: gemini\n');
  });

  it('prints the snapshot as JSON with --json, with the same exit code', async () => {
    const { code, stdout } = await health('health', '--json', '--required', 'anthropic');
    expect(code).toBe(1);
    const snapshot = JSON.parse(stdout) as HealthSnapshot;
    expect(snapshot).toMatchObject({ status: 'down', requiredDown: ['anthropic'], exitCode: 1 });
    const byId = new Map(snapshot.providers.map((p) => [p.provider, p]));
    expect(byId.get('openai')).toMatchObject({
      status: 'healthy',
      required: false,
      check: { status: 'healthy' },
    });
    expect(byId.get('anthropic')).toMatchObject({
      status: 'down',
      required: true,
      check: { status: 'down', error: { kind: 'network' } },
    });
    expect(stdout).not.toContain(ANTHROPIC_KEY);
  });

  it('rejects an empty --required list', async () => {
    const { code, stderr } = await health('health', '--required', ' , ');
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/--required <ids>.*expected provider ids separated by commas/);
  });
});
