import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Attempt, ChatResult } from '../core/types/chat-result.js';
import { closedPortOrigin } from '../policies/executor/http-harness.js';
import { startAnthropicMockServer } from '../testing/anthropic/anthropic-mock-server.js';
import type { MockHttpServer } from '../testing/mock-http-server.js';
import { startOpenAIMockServer } from '../testing/openai-mock-server.js';
import { memoryContext } from './memory-context.js';
import { runCli } from './run-cli.js';

const OPENAI_KEY = 'sk-chain-openai-0123456789';
const ANTHROPIC_KEY = 'sk-ant-chain-0123456789';

/**
 * `switchyard chat -m smart` with `smart` a chain in a config file: openai first, anthropic second,
 * each on a loopback mock server speaking its real wire protocol. One retry each, 1 ms backoff.
 */
const CONFIG = `
aliases:
  smart: [openai/gpt-4o-mini, anthropic/claude-sonnet-4-5]
  dead_first: [refused/gpt-4o-mini, anthropic/claude-sonnet-4-5]
providers:
  refused:
    preset: openai
    api_key: sk-refused-0123456789
    base_url: \${REFUSED_BASE_URL}
policies:
  retry: { max_retries: 1, initial_delay_ms: 1ms, max_delay_ms: 1ms, jitter: 0 }
`;

let openai: MockHttpServer;
let anthropic: MockHttpServer;
let env: Record<string, string>;
let dir: string;

beforeAll(async () => {
  openai = await startOpenAIMockServer({ apiKey: OPENAI_KEY });
  anthropic = await startAnthropicMockServer({ apiKey: ANTHROPIC_KEY });
  dir = await mkdtemp(join(tmpdir(), 'switchyard-chain-'));
  await writeFile(join(dir, 'chain.yaml'), CONFIG);
  env = {
    OPENAI_API_KEY: OPENAI_KEY,
    OPENAI_BASE_URL: `${openai.origin}/v1`,
    ANTHROPIC_API_KEY: ANTHROPIC_KEY,
    ANTHROPIC_BASE_URL: anthropic.origin,
    REFUSED_BASE_URL: `${await closedPortOrigin()}/v1`,
  };
});
afterAll(async () => {
  await openai.close();
  await anthropic.close();
});
beforeEach(() => {
  openai.reset?.();
  anthropic.reset?.();
});

async function chat(argv: string[], extraEnv: Record<string, string> = {}) {
  const context = memoryContext({ env: { ...env, ...extraEnv }, cwd: dir });
  const code = await runCli(argv, context);
  return { code, stdout: context.stdoutText(), stderr: context.stderrText() };
}

/** The parts of an attempt a reader of `--json` relies on (latency varies, so only its type). */
function shape(attempt: Attempt) {
  expect(typeof attempt.latencyMs).toBe('number');
  const { latencyMs: _latency, message: _message, ...rest } = attempt;
  return rest;
}

describe('switchyard chat -m <chain> with --config', () => {
  it('follows the chain past a primary that answers 503 twice, and --json lists every attempt', async () => {
    openai.enqueue({ error: { status: 503 } }, { error: { status: 503 } });
    anthropic.enqueue({ text: 'From the fallback.', usage: { inputTokens: 9, outputTokens: 4 } });
    const { code, stdout, stderr } = await chat([
      '--config',
      'chain.yaml',
      'chat',
      '-m',
      'smart',
      '--json',
      'hi',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as ChatResult;
    expect(result).toMatchObject({ provider: 'anthropic', text: 'From the fallback.' });
    expect(result.attempts!.map(shape)).toEqual([
      {
        deploymentId: 'openai/gpt-4o-mini',
        provider: 'openai',
        model: 'gpt-4o-mini',
        outcome: 'error',
        errorKind: 'overloaded',
        status: 503,
        retries: 1,
      },
      {
        deploymentId: 'anthropic/claude-sonnet-4-5',
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        outcome: 'ok',
        retries: 0,
      },
    ]);
    // Two tries at the primary (the first and its one retry), then one at the fallback.
    expect(openai.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
    expect(anthropic.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('does the same for a stream: --stream --json carries the attempts too', async () => {
    openai.enqueue({ error: { status: 503 } }, { error: { status: 503 } });
    anthropic.enqueue({ text: 'Streamed from the fallback.' });
    const { code, stdout } = await chat([
      '--config',
      'chain.yaml',
      'chat',
      '-m',
      'smart',
      '--stream',
      '--json',
      'hi',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as ChatResult;
    expect(result.text).toBe('Streamed from the fallback.');
    expect(result.attempts!.map((a) => [a.deploymentId, a.outcome, a.errorKind])).toEqual([
      ['openai/gpt-4o-mini', 'error', 'overloaded'],
      ['anthropic/claude-sonnet-4-5', 'ok', undefined],
    ]);
  });

  it('moves past a primary whose port refuses connections', async () => {
    anthropic.enqueue({ text: 'Still here.' });
    const { code, stdout } = await chat([
      '--config',
      'chain.yaml',
      'chat',
      '-m',
      'dead_first',
      '--json',
      'hi',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as ChatResult;
    expect(result.text).toBe('Still here.');
    expect(result.attempts!.map((a) => [a.deploymentId, a.outcome, a.errorKind])).toEqual([
      ['refused/gpt-4o-mini', 'error', 'network'],
      ['anthropic/claude-sonnet-4-5', 'ok', undefined],
    ]);
  });

  it('prints plain text by default, whichever candidate answered', async () => {
    openai.enqueue({ error: { status: 503 } }, { error: { status: 503 } });
    anthropic.enqueue({ text: 'Plain answer.' });
    const { code, stdout, stderr } = await chat(['--config', 'chain.yaml', 'chat', '-m', 'smart', 'hi']);
    expect({ code, stdout, stderr }).toEqual({ code: 1 - 1, stdout: 'Plain answer.\n', stderr: '' });
  });

  it('prints one line listing every attempt when the whole chain fails, without a key', async () => {
    openai.enqueue({ error: { status: 503 } }, { error: { status: 503 } });
    // The last error's message ends the line: a provider echoing the key must not leak it.
    anthropic.enqueue(
      { error: { status: 529 } },
      { error: { status: 529, message: `Overloaded (key ${ANTHROPIC_KEY})` } },
    );
    const { code, stdout, stderr } = await chat(['--config', 'chain.yaml', 'chat', '-m', 'smart', 'hi']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^switchyard: all candidates failed for 'smart': openai\/gpt-4o-mini overloaded 503 after 1 retry; anthropic\/claude-sonnet-4-5 overloaded 529 after 1 retry\. Last error: anthropic: Overloaded \(key \[REDACTED\]\)$/,
    );
    expect(stderr).not.toContain(ANTHROPIC_KEY);
  });
});

describe('the config file without --config', () => {
  it('is read from SWITCHYARD_CONFIG', async () => {
    openai.enqueue({ error: { status: 503 } }, { error: { status: 503 } });
    anthropic.enqueue({ text: 'Configured by the environment.' });
    const { code, stdout } = await chat(['chat', '-m', 'smart', '--json', 'hi'], {
      SWITCHYARD_CONFIG: join(dir, 'chain.yaml'),
    });
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as ChatResult).provider).toBe('anthropic');
  });

  it('is an error naming the path when SWITCHYARD_CONFIG points nowhere', async () => {
    const { code, stderr } = await chat(['chat', '-m', 'smart', 'hi'], {
      SWITCHYARD_CONFIG: join(dir, 'missing.yaml'),
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^switchyard: .*missing\.yaml/);
    expect(stderr.split('\n')).toHaveLength(2);
  });
});
