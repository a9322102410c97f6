import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

  describe('with gateway.master_key in the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-serve-'));
    const configPath = join(dir, 'switchyard.yaml');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the config text holds a ${VAR} placeholder on purpose
    writeFileSync(configPath, 'gateway:\n  master_key: ${MY_KEY}\n');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const FILE_KEY = 'sy-from-the-config-file-0123456789';
    const ENV_KEY = 'sy-from-the-environment-0123456789';

    /** Serves with the config file, asks once with each key, shuts down; returns the statuses and output. */
    async function serveAndAsk(env: Record<string, string>, bearers: string[]) {
      const controller = new AbortController();
      const context = memoryContext({ env, cwd: dir, signal: controller.signal });
      const exit = runCli(['--config', configPath, 'serve', '--port', '0'], context, [serveCommand]);
      const [, url] = await waitForText(context.stdoutText, /"url":"(http:\/\/127\.0\.0\.1:\d+)"/);
      const statuses: number[] = [];
      for (const bearer of bearers) {
        const response = await fetch(`${url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
          body: JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] }),
        });
        await response.arrayBuffer();
        statuses.push(response.status);
      }
      controller.abort();
      expect(await exit).toBe(0);
      return { statuses, output: context.stdoutText() + context.stderrText() };
    }

    it('refuses a wrong bearer token with 401, accepts the key the file takes from MY_KEY, and never logs it', async () => {
      const { statuses, output } = await serveAndAsk({ MY_KEY: FILE_KEY }, ['sy-wrong-key', FILE_KEY]);
      expect(statuses).toEqual([401, 200]);
      expect(output).toContain('"auth":"master key"');
      expect(output).not.toContain(FILE_KEY);
    });

    it('lets SWITCHYARD_MASTER_KEY win over the file', async () => {
      const env = { MY_KEY: FILE_KEY, SWITCHYARD_MASTER_KEY: ENV_KEY };
      const { statuses, output } = await serveAndAsk(env, [FILE_KEY, ENV_KEY]);
      expect(statuses).toEqual([401, 200]);
      expect(output).not.toContain(FILE_KEY);
      expect(output).not.toContain(ENV_KEY);
    });
  });
});
