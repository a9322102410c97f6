import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, jsonSchema, streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

let gw: TestGateway;
let provider: ReturnType<typeof createOpenAICompatible>;

beforeAll(async () => {
  gw = await startTestGateway();
  provider = createOpenAICompatible({
    name: 'switchyard',
    baseURL: `${gw.url}/v1`,
    apiKey: 'any',
    includeUsage: true,
  });
});
afterAll(() => gw.close());

describe('the Vercel AI SDK (@ai-sdk/openai-compatible) as a third client', () => {
  it('streams text with usage', async () => {
    gw.mock.enqueue({ text: 'streamed through the gateway', usage: { inputTokens: 6, outputTokens: 4 } });
    const result = streamText({ model: provider('mock/echo'), prompt: 'hi' });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe('streamed through the gateway');
    expect(await result.finishReason).toBe('stop');
    expect((await result.usage).inputTokens).toBe(6);
  });

  it('receives tool calls', async () => {
    gw.mock.enqueue({ toolCalls: [{ id: 'call_x', name: 'lookup', arguments: { q: 'switchyard' } }] });
    const result = await generateText({
      model: provider('mock/echo'),
      prompt: 'look it up',
      tools: {
        lookup: tool({
          inputSchema: jsonSchema<{ q: string }>({ type: 'object', properties: { q: { type: 'string' } } }),
        }),
      },
    });
    expect(result.toolCalls).toMatchObject([
      { toolCallId: 'call_x', toolName: 'lookup', input: { q: 'switchyard' } },
    ]);
    expect(result.finishReason).toBe('tool-calls');
  });
});
