import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Switchyard } from '../client/switchyard.js';
import type { ChatResult, ModelInfo } from '../core/types/chat-result.js';
import type { MockHttpServer } from '../testing/mock-http-server.js';
import { memoryContext } from './memory-context.js';
import {
  PRESET_MOCK_TARGETS,
  PROTOCOL_MOCK_TARGETS,
  type ProtocolMockTarget,
} from './protocol-mock-targets.js';
import { runCli } from './run-cli.js';

const KEY = 'sk-switchyard-test-0123456789abcdef';
/** A 1x1 PNG. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe.each([...PROTOCOL_MOCK_TARGETS, ...PRESET_MOCK_TARGETS])(
  'switchyard against the $modelId mock server',
  (target: ProtocolMockTarget) => {
    const [providerId, model] = [target.modelId.split('/')[0]!, target.modelId.split('/').slice(1).join('/')];
    let server: MockHttpServer;
    let env: Record<string, string>;

    beforeAll(async () => {
      server = await target.start(KEY);
      env = target.env(server.origin, KEY);
    });
    afterAll(() => server.close());

    const run = async (...argv: string[]) => {
      // One attempt per call: these tests are about what the CLI prints, not the retry policy.
      const context = memoryContext({
        env,
        switchyard: { config: { policies: { retry: { max_retries: 0 } } } },
      });
      const code = await runCli(argv, context);
      return { code, stdout: context.stdoutText(), stderr: context.stderrText() };
    };

    it('chat --json prints the canonical result', async () => {
      server.enqueue({ text: 'Hello from the wire.', usage: { inputTokens: 11, outputTokens: 5 } });
      const { code, stdout, stderr } = await run('chat', '-m', target.modelId, '--json', 'hi');
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const result = JSON.parse(stdout) as ChatResult;
      expect(result).toMatchObject({
        provider: providerId,
        text: 'Hello from the wire.',
        toolCalls: [],
        finishReason: 'stop',
        usage: { inputTokens: 11, outputTokens: 5, totalTokens: 16 },
      });
      expect(result.model).toContain(model.split(':')[0]!);
      expect(Object.keys(result)).toEqual(
        expect.arrayContaining(['id', 'reasoning', 'rawFinishReason', 'latencyMs', 'warnings']),
      );
    });

    it('sends --system, --image (file as base64) and --schema in the wire request, or refuses up front', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'switchyard-wire-'));
      await writeFile(join(dir, 'pixel.png'), PIXEL);
      await writeFile(
        join(dir, 'answer.json'),
        JSON.stringify({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }),
      );
      const { features } = new Switchyard({ env }).provider(providerId);
      const context = memoryContext({ env, cwd: dir });
      const argv = ['chat', '-m', target.modelId, '--system', 'Reply in JSON.', '--image', 'pixel.png'];
      const sent = server.requests.length;
      if (!features.vision || !features.structuredOutput) {
        // A provider without the feature says so before sending anything, never drops the image.
        expect(await runCli([...argv, '--schema', 'answer.json', 'Where?'], context)).toBe(1);
        expect(context.stderrText()).toMatch(
          new RegExp(`^switchyard: ${providerId}: unsupported: .*(vision|structured|schema)`),
        );
        expect(server.requests.length).toBe(sent);
        return;
      }
      server.enqueue({ text: '{"city":"Paris"}' });
      const code = await runCli([...argv, '--schema', 'answer.json', '--json', 'Where?'], context);
      expect(context.stderrText()).toBe('');
      expect(code).toBe(0);
      expect((JSON.parse(context.stdoutText()) as ChatResult).text).toBe('{"city":"Paris"}');
      const wire = JSON.stringify(server.lastRequest?.body);
      expect(wire).toContain(PIXEL.toString('base64'));
      expect(wire).toContain('Reply in JSON.');
      expect(wire).toContain('"city"');
    });

    it('chat --stream prints the text as it arrives; --stream --json prints the same result', async () => {
      server.enqueue(
        { text: 'one two three' },
        { text: 'one two three', usage: { inputTokens: 3, outputTokens: 3 } },
      );
      expect(await run('chat', '-m', target.modelId, '--stream', 'count')).toEqual({
        code: 0,
        stdout: 'one two three\n',
        stderr: '',
      });
      const streamed = await run('chat', '-m', target.modelId, '--stream', '--json', 'count');
      expect(streamed.code).toBe(0);
      expect(JSON.parse(streamed.stdout)).toMatchObject({
        provider: providerId,
        text: 'one two three',
        finishReason: 'stop',
        usage: { inputTokens: 3, outputTokens: 3 },
      });
    });

    it("models lists the server's models as provider/model ids", async () => {
      const { code, stdout } = await run('models', providerId, '--json');
      expect(code).toBe(0);
      const ids = (JSON.parse(stdout) as ModelInfo[]).map((m) => `${m.provider}/${m.id}`);
      expect(ids.some((id) => id.startsWith(target.modelId))).toBe(true);
    });

    it('turns a provider error into one line naming the provider, the kind and the fix', async () => {
      server.enqueue({ error: { status: 429, headers: { 'retry-after': '3' } } });
      const { code, stdout, stderr } = await run('chat', '-m', target.modelId, 'hi');
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(
        new RegExp(
          `^switchyard: ${providerId}: rate limited \\(HTTP 429\\): .*Fix: wait 3s and retry\\.\\n$`,
        ),
      );
    });

    // Keyless local servers (Ollama, LM Studio) have no key to refuse.
    if (target.keyVariable)
      it('names the key variable on a refused key, and never prints a key', async () => {
        const wrong = 'sk-wrong-key-0123456789abcdef';
        const context = memoryContext({ env: { ...env, [target.keyVariable!]: wrong } });
        expect(await runCli(['chat', '-m', target.modelId, 'hi'], context)).toBe(1);
        const line = context.stderrText();
        expect(line.split('\n')).toHaveLength(2);
        expect(line).toMatch(
          new RegExp(
            `^switchyard: ${providerId}: authentication .*Fix: set ${target.keyVariable} to a valid key`,
          ),
        );
        expect(line).not.toContain(wrong);
        expect(line).not.toContain(KEY);
      });

    it('keeps the text streamed before a dropped connection and reports the drop', async () => {
      const text = 'alpha beta gamma delta epsilon zeta eta theta iota kappa';
      // The pause lets the frames before the drop leave the server before its socket is destroyed.
      server.enqueue({ text, dropAfterChunks: 5, chunkDelayMs: 20 });
      const { code, stdout, stderr } = await run('chat', '-m', target.modelId, '--stream', 'go');
      expect(code).toBe(1);
      expect(stdout.endsWith('\n')).toBe(true);
      expect(stdout.trim().length).toBeGreaterThan(0);
      expect(text.startsWith(stdout.trimEnd())).toBe(true);
      expect(stdout.trimEnd()).not.toBe(text);
      expect(stderr).toMatch(
        new RegExp(`^switchyard: ${providerId}: network: .*Fix: the connection to .* broke off`),
      );
    });

    it('reports an unreachable server as a network error naming the address', async () => {
      const closed = target.env('http://127.0.0.1:9', KEY);
      const context = memoryContext({
        env: closed,
        switchyard: { config: { policies: { retry: { max_retries: 0 } } } },
      });
      expect(await runCli(['chat', '-m', target.modelId, 'hi'], context)).toBe(1);
      expect(context.stderrText()).toMatch(
        new RegExp(`^switchyard: ${providerId}: network: .*Fix: cannot reach http://127\\.0\\.0\\.1:9`),
      );
    });
  },
);
