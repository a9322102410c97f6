import { execFile } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatResult } from '../core/types/chat-result.js';
import type { MockHttpServer } from '../testing/mock-http-server.js';
import { startOpenAIMockServer } from '../testing/openai-mock-server.js';
import { PROTOCOL_MOCK_TARGETS } from './protocol-mock-targets.js';

/** The built bin: `npm test` builds before vitest runs; alone, run `npm run build` first. */
const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const KEY = 'sk-process-test-0123456789abcdef';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the bin with only the given environment (no keys inherited from the machine). */
function switchyard(args: string[], env: Record<string, string> = {}, input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

let openai: MockHttpServer;

beforeAll(async () => {
  await access(BIN).catch(() => {
    throw new Error(`${BIN} is missing: run \`npm run build\` before these tests (npm test does)`);
  });
  openai = await startOpenAIMockServer({ apiKey: KEY });
});
afterAll(() => openai.close());

describe('the switchyard bin', () => {
  it('is the package bin, with a node shebang', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      bin: Record<string, string>;
    };
    expect(pkg.bin.switchyard).toBe('dist/cli/main.js');
    expect((await readFile(BIN, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('prints its version and help', async () => {
    const version = await switchyard(['--version']);
    expect(version).toMatchObject({ code: 0, stderr: '' });
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = await switchyard(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/providers[\s\S]*models[\s\S]*chat/);
  });

  it('chat -m openai/gpt-4o-mini --json "hi" prints the canonical result from the OpenAI mock', async () => {
    openai.enqueue({
      text: 'Hi from the mock.',
      usage: { inputTokens: 8, outputTokens: 4, cachedInputTokens: 2 },
    });
    const env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${openai.origin}/v1` };
    const run = await switchyard(['chat', '-m', 'openai/gpt-4o-mini', '--json', 'hi'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ChatResult;
    expect(result).toMatchObject({
      provider: 'openai',
      model: expect.stringContaining('gpt-4o-mini'),
      text: 'Hi from the mock.',
      toolCalls: [],
      reasoning: '',
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: { inputTokens: 8, outputTokens: 4, cachedInputTokens: 2, totalTokens: 12 },
      warnings: [],
    });
    expect(openai.lastRequest?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it.each(PROTOCOL_MOCK_TARGETS)(
    'chat -m $modelId --json "hi" prints the canonical result',
    async (target) => {
      const server = await target.start(KEY);
      try {
        server.enqueue({ text: 'Hello over the wire.', usage: { inputTokens: 6, outputTokens: 4 } });
        const run = await switchyard(
          ['chat', '-m', target.modelId, '--json', 'hi'],
          target.env(server.origin, KEY),
        );
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(JSON.parse(run.stdout)).toMatchObject({
          provider: target.modelId.split('/')[0],
          text: 'Hello over the wire.',
          finishReason: 'stop',
          usage: { inputTokens: 6, outputTokens: 4, totalTokens: 10 },
        });
      } finally {
        await server.close();
      }
    },
  );

  it('reads the prompt from a pipe and streams the answer', async () => {
    openai.enqueue({ text: 'streamed answer' });
    const env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${openai.origin}/v1` };
    const run = await switchyard(['chat', '-m', 'openai/gpt-4o-mini', '--stream'], env, 'from the pipe\n');
    expect(run).toEqual({ code: 0, stdout: 'streamed answer\n', stderr: '' });
    const body = openai.lastRequest?.body as { messages: unknown[]; stream: boolean };
    expect(body.stream).toBe(true);
    expect(body.messages).toEqual([{ role: 'user', content: 'from the pipe' }]);
  });

  it('fails in one line with the variable to set, exit 1, no stack trace and no key', async () => {
    const wrong = 'sk-wrong-process-key-0123456789';
    const env = { OPENAI_API_KEY: wrong, OPENAI_BASE_URL: `${openai.origin}/v1` };
    const run = await switchyard(['chat', '-m', 'openai/gpt-4o-mini', 'hi'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^switchyard: openai: authentication \(HTTP 401\): .*Fix: set OPENAI_API_KEY to a valid key for openai\.\n$/,
    );
    expect(run.stderr).not.toContain(wrong);

    const unconfigured = await switchyard(['chat', '-m', 'anthropic/claude-sonnet-4-5', 'hi']);
    expect(unconfigured).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "switchyard: anthropic: authentication: provider 'anthropic' is not configured: no API key: set ANTHROPIC_API_KEY\n",
    });
  });

  it('lists providers with --json, configured from the environment', async () => {
    const run = await switchyard(['providers', '--json'], { GROQ_API_KEY: KEY });
    expect(run.code).toBe(0);
    const statuses = JSON.parse(run.stdout) as Array<{ id: string; configured: boolean; reason: string }>;
    expect(statuses.find((s) => s.id === 'groq')).toMatchObject({
      configured: true,
      reason: 'GROQ_API_KEY is set',
    });
    expect(statuses.find((s) => s.id === 'openai')).toMatchObject({
      configured: false,
      reason: 'no API key: set OPENAI_API_KEY',
    });
    expect(run.stdout).not.toContain(KEY);
  });

  it('exits non-zero with a usage message for a missing model option', async () => {
    const run = await switchyard(['chat', 'hi']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: required option '-m, --model <provider\/model>' not specified\n/);
  });
});
