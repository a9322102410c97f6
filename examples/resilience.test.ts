import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/parse-config.js';
import { parseConfigText } from '../src/config/parse-config-text.js';
import { MockProvider } from '../src/index.js';
import { main as circuitBreaker } from './resilience-circuit-breaker.js';
import { main as hedgingBalancing } from './resilience-hedging-balancing.js';
import { main as logging } from './resilience-logging.js';
import { main as retryFallback } from './resilience-retry-fallback.js';
import { main as timeouts } from './resilience-timeouts.js';

const DOC = new URL('../docs/resilience.md', import.meta.url);

function collector() {
  const lines: string[] = [];
  return { lines, print: (line: string) => lines.push(line) };
}

describe('examples/resilience-*.ts', () => {
  it('retry-fallback: retries on the hint, then with backoff, then falls back', async () => {
    const out = collector();
    const result = await retryFallback({ print: out.print });
    expect(result.provider).toBe('anthropic');
    expect(out.lines).toEqual([
      'retry 1 of openai/gpt-4o-mini in 1000 ms (retry-after)',
      expect.stringMatching(/^retry 2 of openai\/gpt-4o-mini in \d+ ms \(backoff\)$/),
      'fallback openai/gpt-4o-mini -> anthropic/claude-sonnet-4-5 (overloaded)',
      'openai/gpt-4o-mini: error overloaded, 2 retries',
      'anthropic/claude-sonnet-4-5: ok, 0 retries',
      'answer: Hello from the fallback.',
    ]);
  });

  it('retry-fallback: a 400 stops the chain instead of falling back', async () => {
    await expect(
      retryFallback({
        print: () => {},
        switchyard: {
          customProviders: [new MockProvider({ id: 'openai', replies: [{ error: { status: 400 } }] })],
        },
      }),
    ).rejects.toMatchObject({ kind: 'invalid_request' });
  });

  it('circuit-breaker: opens after two failures, then skips the deployment without a request', async () => {
    const out = collector();
    const { outcomes, requestsToFlaky, health } = await circuitBreaker(out.print);
    expect(outcomes).toEqual([
      ['flaky/model-a error', 'steady/model-b ok'],
      ['flaky/model-a error', 'steady/model-b ok'],
      ['flaky/model-a skipped', 'steady/model-b ok'],
    ]);
    expect(requestsToFlaky).toBe(2);
    expect(out.lines).toContain('circuit flaky/model-a: closed -> open (consecutive-failures)');
    expect(health.providers.find((p) => p.provider === 'flaky')).toMatchObject({
      status: 'down',
      reason: 'circuit open for flaky/model-a',
    });
  });

  it('timeouts: a silent first token moves the stream on; an abort ends the call', async () => {
    const out = collector();
    const { result, aborted } = await timeouts(out.print);
    expect(result.provider).toBe('quick');
    expect(result.attempts?.[0]).toMatchObject({ deploymentId: 'slow/model', errorKind: 'timeout' });
    expect(aborted).toBe('aborted');
    expect(out.lines).toEqual([
      'slow/model: error timeout',
      'quick/model: ok',
      'answer: You said: Hi',
      'the abandoned call ended with: aborted',
    ]);
  });

  it('hedging-balancing: the hedge wins and cancels the slow one; the pool alternates', async () => {
    const out = collector();
    const { hedged, served } = await hedgingBalancing(out.print);
    expect(hedged.text).toBe('fast answer');
    expect(out.lines.slice(0, 3).sort()).toEqual([
      'hedge cancelled: slow/model',
      'hedge started: fast/model',
      'hedge won: fast/model',
    ]);
    expect(new Set(served)).toEqual(new Set(['east', 'west']));
    expect(served[0]).not.toBe(served[1]);
  });

  it('logging: writes JSON lines through pino and never the key', async () => {
    let text = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    });
    const result = await logging(sink);
    expect(result.provider).toBe('backup');
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => l.event)).toContain('fallback');
    expect(text).toContain('upstream rejected key [REDACTED]');
    expect(text).not.toContain('acme-secret-value-123');
  });
});

describe('docs/resilience.md', () => {
  it('names an example file before every ts block, and the block is that file verbatim in part', async () => {
    const doc = await readFile(DOC, 'utf8');
    const blocks = [
      ...doc.matchAll(
        /From \[`(examples\/resilience-[a-z-]+\.ts)`\](?:(?!```)[\s\S])*?\n\n```ts\n([\s\S]*?)```/g,
      ),
    ];
    const tsBlocks = [...doc.matchAll(/```ts\n/g)];
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks).toHaveLength(tsBlocks.length);
    for (const [, file, code] of blocks) {
      const source = await readFile(new URL(`../${file}`, import.meta.url), 'utf8');
      expect(source, file).toContain(code!.trimEnd());
    }
  });

  it('has only valid yaml configuration blocks', async () => {
    const doc = await readFile(DOC, 'utf8');
    const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(3);
    for (const text of blocks) {
      const data = parseConfigText(text, 'yaml', 'docs/resilience.md');
      expect(() => parseConfig(data, { env: {}, source: 'docs/resilience.md' }), text).not.toThrow();
    }
  });
});
