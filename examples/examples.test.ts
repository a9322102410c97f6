import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_MOCK_TARGETS, type ProtocolMockTarget } from '../src/cli/protocol-mock-targets.js';
import { MockProvider, Switchyard } from '../src/index.js';
import type { MockHttpServer } from '../src/testing/mock-http-server.js';
import { main as chat } from './chat.js';
import { main as fallback } from './fallback.js';
import { main as stream } from './stream.js';
import { main as tools } from './tools.js';

const KEY = 'sk-examples-test-0123456789abcdef';

/** Collects what an example prints. */
function collector() {
  const lines: string[] = [];
  return { lines, print: (line: string) => lines.push(line), write: (text: string) => lines.push(text) };
}

describe('examples with the in-process mock provider', () => {
  it('chat prints the answer and its usage', async () => {
    const out = collector();
    const result = await chat({ print: out.print });
    expect(result.text).toBe('You said: What is a railway switchyard?');
    expect(out.lines).toEqual([
      result.text,
      `mock/echo: ${result.usage.inputTokens} in, ${result.usage.outputTokens} out, stop`,
    ]);
  });

  it('stream prints the text piece by piece, then the finish', async () => {
    const out = collector();
    const result = await stream({ write: out.write });
    expect(out.lines.slice(0, -1).join('')).toBe(result.text);
    expect(out.lines.length).toBeGreaterThan(3);
    expect(out.lines.at(-1)).toBe(`\n[stop, ${result.usage.totalTokens} tokens]\n`);
  });

  it('tools runs the requested tool and sends its result back', async () => {
    const mock = new MockProvider({
      id: 'scripted',
      replies: [
        { toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }] },
        { text: 'It is 18 degrees and clear in Paris.' },
      ],
    });
    const out = collector();
    const sy = new Switchyard({ env: {}, customProviders: [mock] });
    const result = await tools({ switchyard: sy, model: 'scripted/any', print: out.print });
    expect(result.text).toBe('It is 18 degrees and clear in Paris.');
    expect(out.lines).toEqual(['tool get_weather({"city":"Paris"})', 'It is 18 degrees and clear in Paris.']);
    const second = mock.requests[1] as { messages: unknown[] };
    expect(second.messages.at(-1)).toEqual({
      role: 'tool',
      toolCallId: 'call_1',
      toolName: 'get_weather',
      content: '{"city":"Paris","celsius":18,"sky":"clear"}',
    });
  });

  it('fallback moves past unconfigured and overloaded providers, and stops at a bad request', async () => {
    // Overloaded on the first try and on its one retry: the chain moves on.
    const overloaded = new MockProvider({
      id: 'busy',
      replies: [{ error: { status: 529 } }, { error: { status: 529 } }],
    });
    const out = collector();
    const result = await fallback({
      switchyard: { env: {}, customProviders: [overloaded] },
      models: ['anthropic/x', 'busy/y', 'mock/echo'],
      print: out.print,
    });
    expect(result.provider).toBe('mock');
    expect(out.lines).toEqual([
      'anthropic/x: error (authentication)',
      'busy/y: error (overloaded)',
      'mock/echo: ok',
      'answer: You said: Hello',
    ]);
    const refusing = new MockProvider({ id: 'strict', replies: [{ error: { status: 400 } }] });
    await expect(
      fallback({
        switchyard: { env: {}, customProviders: [refusing] },
        models: ['strict/a', 'mock/echo'],
        print: () => {},
      }),
    ).rejects.toMatchObject({ kind: 'invalid_request' });
  });
});

describe.each(PROTOCOL_MOCK_TARGETS)(
  'examples against the $modelId mock server',
  (target: ProtocolMockTarget) => {
    let server: MockHttpServer;
    let sy: Switchyard;

    beforeAll(async () => {
      server = await target.start(KEY);
      sy = new Switchyard({ env: target.env(server.origin, KEY) });
    });
    afterAll(() => server.close());

    it('chat', async () => {
      server.enqueue({
        text: 'A yard where trains are sorted.',
        usage: { inputTokens: 20, outputTokens: 7 },
      });
      const out = collector();
      const result = await chat({ switchyard: sy, model: target.modelId, print: out.print });
      expect(result).toMatchObject({ text: 'A yard where trains are sorted.', finishReason: 'stop' });
      expect(out.lines[1]).toMatch(/: 20 in, 7 out, stop$/);
    });

    it('stream', async () => {
      server.enqueue({ text: 'Grand Central, St Pancras, Gare du Nord.' });
      const out = collector();
      const result = await stream({ switchyard: sy, model: target.modelId, write: out.write });
      expect(result.text).toBe('Grand Central, St Pancras, Gare du Nord.');
      expect(out.lines.slice(0, -1).join('')).toBe(result.text);
    });

    it('tools', async () => {
      server.enqueue(
        { toolCalls: [{ id: 'call_w1', name: 'get_weather', arguments: { city: 'Paris' } }] },
        { text: 'Clear and 18 degrees.' },
      );
      const out = collector();
      const result = await tools({ switchyard: sy, model: target.modelId, print: out.print });
      expect(result.text).toBe('Clear and 18 degrees.');
      expect(out.lines[0]).toBe('tool get_weather({"city":"Paris"})');
      // The tool's output went back to the server in the protocol's own shape.
      expect(JSON.stringify(server.lastRequest?.body)).toContain('celsius');
    });
  },
);
