import { describe, expect, it } from 'vitest';
import { memoryContext } from '../memory-context.js';
import { runCli } from '../run-cli.js';
import { serveCommand } from './serve.js';

async function waitForText(read: () => string, pattern: RegExp): Promise<RegExpExecArray> {
  for (let i = 0; i < 500; i++) {
    const match = pattern.exec(read());
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never printed ${pattern}`);
}

describe('switchyard serve', () => {
  it('answers the README curl with no keys at all, then shuts down on the signal', async () => {
    const controller = new AbortController();
    const context = memoryContext({ env: {}, signal: controller.signal });
    const exit = runCli(['serve', '--port', '0'], context, [serveCommand]);
    const [, url] = await waitForText(context.stdoutText, /"url":"(http:\/\/127\.0\.0\.1:\d+)"/);
    expect(context.stdoutText()).toContain('loopback only');

    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    expect(body.choices[0]!.message.content).toBe('You said: hi');

    controller.abort();
    expect(await exit).toBe(0);
    expect(context.stdoutText()).toContain('gateway stopped');
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });

  it('refuses a non-loopback host without a master key, with one clear line', async () => {
    const context = memoryContext({ env: {} });
    const code = await runCli(['serve', '--host', '0.0.0.0', '--port', '0'], context, [serveCommand]);
    expect(code).not.toBe(0);
    expect(context.stderrText()).toMatch(/without a master key/);
    expect(context.stderrText().trim().split('\n')).toHaveLength(1);
  });

  it('rejects a bad port before starting', async () => {
    const context = memoryContext({ env: {} });
    expect(await runCli(['serve', '--port', 'http'], context, [serveCommand])).not.toBe(0);
    expect(context.stderrText()).toMatch(/port number/);
  });
});
