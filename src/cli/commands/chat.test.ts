import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { ChatResult } from '../../core/types/chat-result.js';
import { MockProvider } from '../../providers/mock/mock-provider.js';
import type { MockReply } from '../../testing/mock-reply.js';
import { memoryContext } from '../memory-context.js';
import { runCli } from '../run-cli.js';
import { testDefinition } from '../test-definitions.js';

const KEY = 'sk-acme-secret-0123456789';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-chat-'));
  await writeFile(join(dir, 'dot.img'), PNG);
  await writeFile(join(dir, 'notes.txt'), 'not an image');
  await writeFile(
    join(dir, 'city.json'),
    JSON.stringify({ type: 'object', properties: { name: { type: 'string' } } }),
  );
  await writeFile(join(dir, 'broken.json'), '{"type": ');
});

/** The CLI over a scripted `acme` provider whose definition names ACME_API_KEY. */
function acme(replies: MockReply[], stdin?: string) {
  const provider = new MockProvider({ id: 'acme', replies });
  const context = memoryContext({
    env: { ACME_API_KEY: KEY },
    stdin,
    cwd: dir,
    // One attempt per call: these tests are about what the CLI prints, not the retry policy.
    switchyard: {
      definitions: [testDefinition()],
      customProviders: [provider],
      config: { policies: { retry: { max_retries: 0 } } },
    },
  });
  return { provider, context, run: (...argv: string[]) => runCli(['chat', ...argv], context) };
}

describe('switchyard chat', () => {
  it('prints the answer to a prompt given as the argument', async () => {
    const context = memoryContext();
    expect(await runCli(['chat', '-m', 'mock/echo', 'hello there'], context)).toBe(0);
    expect(context.stdoutText()).toBe('You said: hello there\n');
    expect(context.stderrText()).toBe('');
  });

  it('reads the prompt from piped standard input, dropping the trailing newline', async () => {
    const { provider, context, run } = acme([{ text: 'piped ok' }], 'line one\nline two ü\n');
    expect(await run('-m', 'acme/acme-large')).toBe(0);
    expect(context.stdoutText()).toBe('piped ok\n');
    expect((provider.requests[0] as ChatRequest).messages).toEqual([
      { role: 'user', content: 'line one\nline two ü' },
    ]);
  });

  it('refuses to wait on an interactive terminal when no prompt is given', async () => {
    const context = memoryContext();
    expect(await runCli(['chat', '-m', 'mock/echo'], context)).toBe(2);
    expect(context.stderrText()).toBe(
      'switchyard: no prompt given. Fix: pass it as an argument or pipe it on standard input.\n',
    );
  });

  it('sends system, images (file as base64 with its type, URL as is), schema and sampling options', async () => {
    const { provider, run } = acme([{ text: '{"name":"Paris"}' }]);
    const code = await run(
      '-m',
      'acme/acme-large',
      '--system',
      'Be brief.',
      '--image',
      'dot.img',
      '--image',
      'https://example.test/cat.jpg',
      '--schema',
      'city.json',
      '--temperature',
      '0.2',
      '--max-tokens',
      '64',
      'Which city?',
    );
    expect(code).toBe(0);
    const request = provider.requests[0] as ChatRequest;
    expect(request).toMatchObject({
      model: 'acme-large',
      temperature: 0.2,
      maxOutputTokens: 64,
      responseFormat: {
        type: 'json_schema',
        name: 'city',
        schema: { type: 'object', properties: { name: { type: 'string' } } },
      },
    });
    expect(request.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Which city?' },
          { type: 'image', data: PNG.toString('base64'), mediaType: 'image/png' },
          { type: 'image', url: 'https://example.test/cat.jpg' },
        ],
      },
    ]);
  });

  it('prints the whole canonical result with --json, and the same result with --stream --json', async () => {
    const reply: MockReply = { text: 'Hello world', usage: { inputTokens: 7, outputTokens: 2 } };
    const plain = acme([reply]);
    expect(await plain.run('-m', 'acme/acme-small', '--json', 'hi')).toBe(0);
    const streamed = acme([reply]);
    expect(await streamed.run('-m', 'acme/acme-small', '--json', '--stream', 'hi')).toBe(0);
    const a = JSON.parse(plain.context.stdoutText()) as ChatResult;
    const b = JSON.parse(streamed.context.stdoutText()) as ChatResult;
    const expected = {
      provider: 'acme',
      model: 'acme-small',
      text: 'Hello world',
      toolCalls: [],
      reasoning: '',
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: {
        inputTokens: 7,
        outputTokens: 2,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        totalTokens: 9,
      },
      warnings: [],
    };
    expect(a).toMatchObject(expected);
    expect(b).toMatchObject(expected);
    expect(typeof a.latencyMs).toBe('number');
    expect(typeof a.id).toBe('string');
  });

  it('writes streamed text piece by piece as it arrives', async () => {
    const { context, run } = acme([{ text: 'one two three' }]);
    const writes: string[] = [];
    context.stdout = { write: (text: string) => writes.push(text) };
    expect(await run('-m', 'acme/acme-large', '--stream', 'count')).toBe(0);
    expect(writes).toEqual(['one ', 'two ', 'three', '\n']);
  });

  it('keeps the text already streamed, ends its line, and reports a dropped connection', async () => {
    const { context, run } = acme([{ text: 'a b c d', dropAfterChunks: 2 }]);
    expect(await run('-m', 'acme/acme-large', '--stream', 'go')).toBe(1);
    expect(context.stdoutText()).toBe('a b \n');
    expect(context.stderrText()).toMatch(/^switchyard: acme: network: connection dropped mid-stream\. Fix: /);
  });

  it('names the provider, the failure and the variable to fix on a 401, without the key', async () => {
    const body = { error: { message: `Incorrect API key provided: ${KEY}`, type: 'invalid_request_error' } };
    const { context, run } = acme([{ error: { status: 401, body } }]);
    expect(await run('-m', 'acme/acme-large', 'hi')).toBe(1);
    const lines = context.stderrText().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^switchyard: acme: authentication \(HTTP 401\): .*Fix: set ACME_API_KEY to a valid key/,
    );
    expect(context.stderrText()).not.toContain(KEY);
    expect(context.stderrText()).not.toMatch(/\n\s+at /);
  });

  it('says how long to wait on a rate limit', async () => {
    const { context, run } = acme([{ error: { status: 429, headers: { 'retry-after': '2' } } }]);
    expect(await run('-m', 'acme/acme-large', '--stream', 'hi')).toBe(1);
    expect(context.stderrText()).toMatch(
      /^switchyard: acme: rate limited \(HTTP 429\): .*Fix: wait 2s and retry\.\n$/,
    );
  });

  it('notes an answer cut at the token limit', async () => {
    const { context, run } = acme([{ text: 'partial', finishReason: 'length' }]);
    expect(await run('-m', 'acme/acme-large', '--max-tokens', '1', 'hi')).toBe(0);
    expect(context.stdoutText()).toBe('partial\n');
    expect(context.stderrText()).toContain('cut at the output token limit');
  });

  it('explains unreadable inputs in one line each', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--image', 'missing.png'], /^switchyard: cannot read image 'missing.png' \(ENOENT\)\. Fix: /],
      [['--image', 'notes.txt'], /^switchyard: cannot tell the image type of 'notes.txt'\. Fix: use a PNG/],
      [['--schema', 'broken.json'], /^switchyard: schema file 'broken.json' is not valid JSON: /],
      [['--temperature', 'warm'], /^error: option '-t, --temperature <number>' argument 'warm' is invalid/],
    ];
    for (const [options, pattern] of cases) {
      const { context, run } = acme([]);
      expect(await run('-m', 'acme/acme-large', ...options, 'hi')).not.toBe(0);
      expect(context.stderrText()).toMatch(pattern);
    }
  });

  it('rejects a model id without a provider, and an unknown provider, with what to do', async () => {
    const context = memoryContext({ switchyard: { definitions: [] } });
    expect(await runCli(['chat', '-m', 'gpt-4o', 'hi'], context)).toBe(1);
    expect(await runCli(['chat', '-m', 'nosuch/model', 'hi'], context)).toBe(1);
    expect(context.stderrText().split('\n')).toEqual([
      "switchyard: not found: unknown model 'gpt-4o': not provider/model, an alias or a route; aliases: (none); routes: (none)",
      "switchyard: nosuch: not found: unknown provider 'nosuch'; known providers: mock. Fix: run `switchyard providers` to list the provider ids.",
      '',
    ]);
  });
});

describe('switchyard chat, interrupted', () => {
  it('stops at once on Ctrl-C (an aborted signal) and exits 130', async () => {
    const controller = new AbortController();
    controller.abort();
    const context = memoryContext({
      signal: controller.signal,
      switchyard: { customProviders: [new MockProvider({ replies: [{ text: 'late', delayMs: 600_000 }] })] },
    });
    expect(await runCli(['chat', '-m', 'mock/echo', '--stream', 'hi'], context)).toBe(130);
    expect(context.stderrText()).toBe('switchyard: aborted: aborted by the caller\n');
  });
});
