import type { HttpProvider } from '../../providers/http-provider.js';
import { createOpenAICompatibleProvider } from '../../providers/openai-compatible/create-openai-compatible-provider.js';
import { MockHttpServer } from '../../testing/mock-http-server.js';

export { closedPortOrigin } from '../../testing/closed-port.js';

import type { ManualClock } from '../manual-clock.js';

/** An OpenAI-compatible provider named `id` talking to a local mock server. */
export function openAIProviderFor(id: string, server: MockHttpServer | { origin: string }): HttpProvider {
  return createOpenAICompatibleProvider({
    id,
    baseUrl: `${server.origin}/v1`,
    apiKey: `sk-test-${id}-0123456789`,
  });
}

/** Waits, turn by turn of the event loop, until `condition` holds (real I/O is in progress). */
export async function until(condition: () => boolean, what: string, maxTurns = 200_000): Promise<void> {
  for (let turn = 0; turn < maxTurns; turn++) {
    if (condition()) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** Fires the soonest pending timer once the code under test is waiting on one. */
export async function fireNextTimer(clock: ManualClock): Promise<number> {
  await clock.waitForTimers(1);
  const delay = clock.pendingDelays()[0]!;
  await clock.advance(delay);
  return delay;
}

/** One OpenAI chat.completion.chunk as an SSE frame. */
export function openAIChunkFrame(delta: Record<string, unknown>): string {
  const chunk = {
    id: 'chatcmpl-hang',
    object: 'chat.completion.chunk',
    created: 1_763_700_000,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta, finish_reason: null }],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/**
 * An OpenAI-shaped endpoint that sends `frames` (none: not even headers) and then hangs until the
 * client goes away, counting the connections the client released. No server-side timers at all.
 */
export async function startHangingServer(
  frames?: string[],
): Promise<{ server: MockHttpServer; released: () => number }> {
  let released = 0;
  const server = new MockHttpServer([
    {
      method: 'POST',
      path: /chat\/completions$/,
      scripted: true,
      handle: async ({ res }) => {
        if (frames) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          for (const frame of frames) res.write(frame);
        }
        await new Promise<void>((resolve) => res.on('close', resolve));
        released++;
      },
    },
  ]);
  await server.listen();
  return { server, released: () => released };
}
