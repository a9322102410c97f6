import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockHttpServer } from '../../testing/mock-http-server.js';
import { startOpenAIMockServer } from '../../testing/openai-mock-server.js';
import { createOpenAICompatibleProvider } from './create-openai-compatible-provider.js';

describe('warnings found mid-stream', () => {
  let server: MockHttpServer;
  beforeAll(async () => {
    server = await startOpenAIMockServer();
  });
  afterAll(() => server.close());

  it('reach the stream result, as they reach a non-stream result', async () => {
    const provider = createOpenAICompatibleProvider({
      id: 'openai',
      baseUrl: `${server.origin}/v1`,
      apiKey: 'k',
    });
    const broken = { toolCalls: [{ id: 'call_1', name: 'lookup', arguments: '{"q": ' }] };
    server.enqueue(broken, broken);
    const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };
    const streamed = await provider.stream(request).result;
    const whole = await provider.chat(request);
    for (const result of [streamed, whole]) {
      expect(result.toolCalls[0]).toMatchObject({ name: 'lookup', input: undefined });
      expect(result.warnings.map((w) => w.type)).toContain('invalid-tool-arguments');
    }
  });
});
