import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAnthropicMockServer } from '../../testing/anthropic/anthropic-mock-server.js';
import type { MockHttpServer } from '../../testing/mock-http-server.js';
import { startOpenAIMockServer } from '../../testing/openai-mock-server.js';
import { startTestGateway, type TestGateway } from '../start-test-gateway.js';
import { postJson } from '../test-http-helpers.js';

const OPENAI_KEY = 'sk-upstream-Passthrough0123456789';
const ANTHROPIC_KEY = 'sk-ant-upstream-Passthrough0123456789';
const chat = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Say hi' }], stream: true };
const messages = {
  model: 'anthropic/claude-sonnet-4-5',
  max_tokens: 100,
  messages: [{ role: 'user', content: 'Say hi' }],
  stream: true,
};

let openai: MockHttpServer;
let anthropic: MockHttpServer;
let gw: TestGateway;
let reencoding: TestGateway;

function dataLines(text: string): string[] {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => frame.slice(frame.indexOf('data: ') + 'data: '.length));
}

beforeAll(async () => {
  openai = await startOpenAIMockServer({ apiKey: OPENAI_KEY });
  anthropic = await startAnthropicMockServer({ apiKey: ANTHROPIC_KEY });
  const switchyard = {
    env: {
      OPENAI_API_KEY: OPENAI_KEY,
      OPENAI_BASE_URL: `${openai.origin}/v1`,
      ANTHROPIC_API_KEY: ANTHROPIC_KEY,
      ANTHROPIC_BASE_URL: anthropic.origin,
    },
    config: {
      aliases: { resilient: { chain: ['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4-5'] } },
      policies: { retry: { maxRetries: 0 }, circuitBreaker: { enabled: false } },
    },
  };
  gw = await startTestGateway({ switchyard });
  reencoding = await startTestGateway({ switchyard, gateway: { passthrough: false } });
});
afterAll(async () => {
  await Promise.all([gw.close(), reencoding.close(), openai.close(), anthropic.close()]);
});
beforeEach(() => {
  openai.reset();
  anthropic.reset();
});

describe('stream pass-through, OpenAI client to an OpenAI-compatible upstream', () => {
  it("forwards the upstream's chunks as they are, without the usage chunk the client did not ask for", async () => {
    openai.enqueue({ text: 'Hello there friend', usage: { inputTokens: 9, outputTokens: 3 } });
    const response = await postJson(`${gw.url}/v1/chat/completions`, chat);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-switchyard-provider')).toBe('openai');
    const lines = dataLines(await response.text());
    expect(lines.at(-1)).toBe('[DONE]');
    const chunks = lines.slice(0, -1).map((line) => JSON.parse(line));
    // The upstream's own chunks: its id and model echo, not the gateway's re-encoding.
    expect(chunks.every((c) => c.id === chunks[0].id && c.model === 'gpt-4o-mini')).toBe(true);
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('Hello there friend');
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(chunks.at(-1).choices[0].finish_reason).toBe('stop');
    // The gateway still asked for usage upstream and accounted for it.
    expect(openai.lastRequest!.body).toMatchObject({ stream_options: { include_usage: true } });
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/switchyard_gateway_tokens_total\{provider="openai",type="input"\} 9/);
  });

  it('keeps the usage chunk when the client asked for it, as the upstream sent it', async () => {
    openai.enqueue({ text: 'Hi', usage: { inputTokens: 4, outputTokens: 1 } });
    const response = await postJson(`${gw.url}/v1/chat/completions`, {
      ...chat,
      stream_options: { include_usage: true },
    });
    const lines = dataLines(await response.text());
    expect(lines.at(-1)).toBe('[DONE]');
    expect(JSON.parse(lines.at(-2)!)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 4, completion_tokens: 1 },
      model: 'gpt-4o-mini',
    });
  });

  it('gives the same content and finish as the re-encoding path', async () => {
    const reply = { toolCalls: [{ id: 'call_1', name: 'lookup', arguments: { q: 'x' } }] };
    openai.enqueue(reply);
    openai.enqueue(reply);
    const through = dataLines(await (await postJson(`${gw.url}/v1/chat/completions`, chat)).text());
    const encoded = dataLines(await (await postJson(`${reencoding.url}/v1/chat/completions`, chat)).text());
    const calls = (lines: string[]) =>
      lines
        .slice(0, -1)
        .flatMap((line) => JSON.parse(line).choices[0]?.delta?.tool_calls ?? [])
        .map((call: { function: { arguments?: string } }) => call.function.arguments ?? '')
        .join('');
    expect(calls(through)).toBe(calls(encoded));
    expect(calls(through)).toBe('{"q":"x"}');
    const finish = (lines: string[]) => JSON.parse(lines.at(-2)!).choices[0].finish_reason;
    expect(finish(through)).toBe('tool_calls');
    expect(finish(encoded)).toBe('tool_calls');
  });

  it('ends with an OpenAI error frame, never [DONE], when the upstream drops mid-stream', async () => {
    openai.enqueue({ text: 'one two three four five', dropAfterChunks: 3, chunkDelayMs: 2 });
    const response = await postJson(`${gw.url}/v1/chat/completions`, chat);
    expect(response.status).toBe(200);
    const lines = dataLines(await response.text());
    expect(lines).not.toContain('[DONE]');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ error: { type: expect.any(String) } });
  });

  it("writes the gateway's error frame once for an upstream in-stream error, not the upstream's too", async () => {
    openai.enqueue({
      text: 'one two three',
      errorAfterChunks: { chunks: 2, message: 'upstream overloaded' },
    });
    const text = await (await postJson(`${gw.url}/v1/chat/completions`, chat)).text();
    const errors = dataLines(text).filter((line) => line.includes('"error"'));
    expect(errors).toHaveLength(1);
    expect(text).not.toContain('[DONE]');
  });

  it('falls back before the first byte, then re-encodes a winner of another protocol', async () => {
    openai.enqueue({ text: 'never seen', dropAfterChunks: 1 });
    anthropic.enqueue({ text: 'from claude' });
    const response = await postJson(`${gw.url}/v1/chat/completions`, { ...chat, model: 'resilient' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-switchyard-provider')).toBe('anthropic');
    const text = await response.text();
    expect(text).not.toContain('chatcmpl-mock');
    const lines = dataLines(text);
    expect(lines.at(-1)).toBe('[DONE]');
    const content = lines.slice(0, -1).map((line) => JSON.parse(line).choices[0]?.delta?.content ?? '');
    expect(content.join('')).toBe('from claude');
  });
});

describe('stream pass-through, Anthropic client to an Anthropic upstream', () => {
  it("forwards the upstream's event stream byte for byte", async () => {
    anthropic.enqueue({ text: 'Hello there', usage: { inputTokens: 7, outputTokens: 2 } });
    const response = await fetch(`${gw.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify(messages),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    anthropic.enqueue({ text: 'Hello there', usage: { inputTokens: 7, outputTokens: 2 } });
    const direct = await fetch(`${anthropic.origin}/v1/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': ANTHROPIC_KEY,
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify({ ...messages, model: 'claude-sonnet-4-5' }),
    });
    const same = (await direct.text()).replace(/msg_01\w+/g, 'ID');
    expect(text.replace(/msg_01\w+/g, 'ID')).toBe(same);
  });
});
