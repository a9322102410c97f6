import { Ollama } from 'ollama';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockHttpServer } from '../mock-http-server.js';
import { startOllamaMockServer } from './ollama-mock-server.js';

// Faithfulness: the official client (ollama 0.6.4) must accept everything the mock sends.
let mock: MockHttpServer;
let client: Ollama;

beforeAll(async () => {
  mock = await startOllamaMockServer();
  client = new Ollama({ host: mock.origin });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const messages = [{ role: 'user', content: 'Why is the sky blue?' }];

describe('Ollama mock server with the official ollama client', () => {
  it('answers a non-stream chat (the client sends stream:false)', async () => {
    mock.enqueue({ text: 'Rayleigh scattering.', usage: { inputTokens: 9, outputTokens: 3 } });
    const response = await client.chat({ model: 'llama3.2', messages });
    expect(mock.lastRequest?.body).toMatchObject({ stream: false });
    expect(response.message).toEqual({ role: 'assistant', content: 'Rayleigh scattering.' });
    expect(response).toMatchObject({ done: true, done_reason: 'stop', prompt_eval_count: 9, eval_count: 3 });
    expect(response.total_duration).toBeGreaterThan(0);
  });

  it('streams NDJSON parts ending with the done line', async () => {
    mock.enqueue({ text: 'Light scatters off molecules.', reasoning: 'Physics question.' });
    const parts = [];
    for await (const part of await client.chat({ model: 'llama3.2', messages, stream: true, think: true })) {
      parts.push(part);
    }
    expect(parts.map((p) => p.message.content).join('')).toBe('Light scatters off molecules.');
    expect(parts.map((p) => p.message.thinking ?? '').join('')).toBe('Physics question.');
    expect(parts.at(-1)).toMatchObject({ done: true, done_reason: 'stop' });
    expect(parts.slice(0, -1).every((p) => p.done === false)).toBe(true);
  });

  it('streams when stream is absent, as the server does', async () => {
    mock.enqueue({ text: 'a b' });
    const response = await fetch(`${mock.origin}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'llama3.2', messages }),
    });
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await response.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines.at(-1)).toMatchObject({ done: true, eval_count: expect.any(Number) });
  });

  it('returns tool calls with object arguments', async () => {
    mock.enqueue({ toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }] });
    const response = await client.chat({
      model: 'llama3.2',
      messages,
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
        },
      ],
    });
    expect(response.message.tool_calls).toEqual([
      { id: 'call_1', function: { index: 0, name: 'get_weather', arguments: { city: 'Paris' } } },
    ]);
  });

  it('embeds, lists, shows and reports the version', async () => {
    const embedded = await client.embed({ model: 'all-minilm', input: ['first', 'second'] });
    expect(embedded.embeddings).toHaveLength(2);
    expect(embedded.embeddings[0]).toHaveLength(8);
    const list = await client.list();
    expect(list.models[0]).toMatchObject({ name: 'llama3.2:latest', size: 2019393189 });
    expect(list.models[0]!.details.quantization_level).toBe('Q4_K_M');
    const shown = await client.show({ model: 'llama3.2' });
    // Typed as a Map by the client, but JSON gives a plain object, as from the real server.
    const info = shown.model_info as unknown as Record<string, unknown>;
    expect(info['llama.context_length']).toBe(131072);
    expect((await client.version()).version).toBe('0.13.2');
  });

  it('surfaces an error body as the client’s ResponseError with the status', async () => {
    mock.enqueue({ error: { status: 404 } });
    const error = await client.chat({ model: 'llama9', messages }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ResponseError',
      status_code: 404,
      error: "model 'llama9' not found",
    });
    await expect(client.show({ model: 'nope' })).rejects.toMatchObject({ status_code: 404 });
  });

  it('makes the client throw on a mid-stream error line', async () => {
    mock.enqueue({ text: 'one two three', errorAfterChunks: { chunks: 1, message: 'runner died' } });
    const seen: string[] = [];
    const consume = async () => {
      for await (const part of await client.chat({ model: 'llama3.2', messages, stream: true })) {
        seen.push(part.message.content);
      }
    };
    await expect(consume()).rejects.toThrow('runner died');
    expect(seen).toEqual(['one ']);
  });
});
