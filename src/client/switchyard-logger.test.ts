import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAnthropicMockServer } from '../testing/anthropic/anthropic-mock-server.js';
import type { MockHttpServer } from '../testing/mock-http-server.js';
import { startOpenAIMockServer } from '../testing/openai-mock-server.js';
import { Switchyard } from './switchyard.js';

/** Not key-shaped: only the exact-value redaction can catch it. */
const OPENAI_KEY = 'corp-gateway-credential-77';
const ANTHROPIC_KEY = 'sk-ant-logger-0123456789';
/** A secret the providers never see, echoed by a proxy in an error message. */
const PROXY_TOKEN = 'proxy-token-value-31337';

let openai: MockHttpServer;
let anthropic: MockHttpServer;

beforeAll(async () => {
  openai = await startOpenAIMockServer({ apiKey: OPENAI_KEY });
  anthropic = await startAnthropicMockServer({ apiKey: ANTHROPIC_KEY });
});
afterAll(async () => {
  await openai.close();
  await anthropic.close();
});
beforeEach(() => {
  openai.reset();
  anthropic.reset();
});

/** A real pino logger writing JSON lines into memory. */
function capture(level: string) {
  const text: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level }, stream);
  const lines = () =>
    text
      .join('')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, text: () => text.join(''), lines };
}

function client(logger: pino.Logger) {
  return new Switchyard({
    env: { ANTHROPIC_API_KEY: ANTHROPIC_KEY, INTERNAL_PROXY_TOKEN: PROXY_TOKEN },
    logger,
    config: {
      providers: {
        openai: { api_key: OPENAI_KEY, base_url: `${openai.origin}/v1` },
        anthropic: { base_url: anthropic.origin },
      },
      aliases: { smart: ['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4-5'] },
      policies: {
        retry: { max_retries: 1, initial_delay_ms: '1ms', max_delay_ms: '1ms', jitter: 0 },
        circuit_breaker: { failure_threshold: 2 },
      },
    },
  });
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('the logger option', () => {
  it('logs attempts, the retry, the breaker opening and the fallback, each at its level', async () => {
    const { logger, lines } = capture('debug');
    const sy = client(logger);
    openai.enqueue({ error: { status: 503 } }, { error: { status: 503 } });
    anthropic.enqueue({ text: 'fine' });
    expect((await sy.chat({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] })).text).toBe(
      'fine',
    );
    await flush();
    expect(lines().map((l) => [l.level, l.event, l.deploymentId ?? l.from])).toEqual([
      [20, 'attempt-start', 'openai/gpt-4o-mini'],
      [20, 'attempt-end', 'openai/gpt-4o-mini'],
      [30, 'retry', 'openai/gpt-4o-mini'],
      [20, 'attempt-start', 'openai/gpt-4o-mini'],
      [40, 'breaker-state', 'openai/gpt-4o-mini'],
      [20, 'attempt-end', 'openai/gpt-4o-mini'],
      [40, 'fallback', 'openai/gpt-4o-mini'],
      [20, 'attempt-start', 'anthropic/claude-sonnet-4-5'],
      [20, 'attempt-end', 'anthropic/claude-sonnet-4-5'],
    ]);
    const [, end, retry, , breaker, , fallback] = lines();
    expect(end).toMatchObject({
      outcome: 'error',
      errorKind: 'overloaded',
      status: 503,
      msg: 'switchyard attempt-end',
    });
    expect(retry).toMatchObject({ retry: 1, delayMs: 1, reason: 'backoff' });
    expect(breaker).toMatchObject({ from: 'closed', to: 'open', reason: 'consecutive-failures' });
    expect(fallback).toMatchObject({
      requested: 'smart',
      to: 'anthropic/claude-sonnet-4-5',
      reason: 'overloaded',
    });
  });

  it('never writes a key or an environment secret, even when a provider echoes them', async () => {
    const { logger, text, lines } = capture('debug');
    const sy = client(logger);
    const echo = `bad credentials ${OPENAI_KEY} via ${PROXY_TOKEN}`;
    openai.enqueue({ error: { status: 503, message: echo } }, { error: { status: 401, message: echo } });
    anthropic.enqueue({ error: { status: 401, message: `invalid x-api-key ${ANTHROPIC_KEY}` } });
    await expect(
      sy.chat({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toMatchObject({
      kind: 'authentication',
    });
    await flush();
    const output = text();
    expect(output).not.toContain(OPENAI_KEY);
    expect(output).not.toContain(PROXY_TOKEN);
    expect(output).not.toContain(ANTHROPIC_KEY);
    // The messages are there, masked, so the log still says what went wrong.
    expect(output).toContain('bad credentials [REDACTED] via [REDACTED]');
    const failed = lines().find((l) => l.event === 'call-failed');
    expect(failed).toMatchObject({ level: 50, requested: 'smart', errorKind: 'authentication' });
    expect((failed!.attempts as Array<{ deploymentId: string }>).map((a) => a.deploymentId)).toEqual([
      'openai/gpt-4o-mini',
    ]);
  });

  it('leaves debug-level events unsubscribed when the logger is at info, so they are never built', async () => {
    const { logger, lines } = capture('info');
    const sy = client(logger);
    expect(sy.events.listens('attempt-start')).toBe(false);
    expect(sy.events.listens('attempt-end')).toBe(false);
    expect(sy.events.listens('fallback')).toBe(true);
    openai.enqueue({ error: { status: 503 } }, { error: { status: 503 } });
    anthropic.enqueue({ text: 'fine' });
    await sy.chat({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] });
    await flush();
    expect(lines().map((l) => l.event)).toEqual(['retry', 'breaker-state', 'fallback']);
  });
});
