import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLedger } from '../accounting/ledger/memory-ledger.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';
import { postJson } from './test-http-helpers.js';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

async function gatewayWithLedger(): Promise<{ gw: TestGateway; ledger: MemoryLedger }> {
  const ledger = new MemoryLedger();
  gw = await startTestGateway({ switchyard: { ledger } });
  return { gw, ledger };
}

/** The ledger row of `requestId`, once its settlement (which may follow the answer) has run. */
async function rowOf(ledger: MemoryLedger, requestId: string) {
  for (let i = 0; i < 50; i++) {
    const row = (await ledger.query()).find((r) => r.requestId === requestId);
    if (row) return row;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no ledger row for ${requestId}; rows: ${(await ledger.query()).map((r) => r.requestId)}`);
}

describe('the request id a client gets back is the id of its ledger row', () => {
  it('for an OpenAI chat completion, whole and streamed', async () => {
    const { gw, ledger } = await gatewayWithLedger();
    const messages = [{ role: 'user', content: 'hi' }];
    const whole = await postJson(`${gw.url}/v1/chat/completions`, { model: 'mock/echo', messages });
    expect(whole.status).toBe(200);
    const wholeId = whole.headers.get('x-request-id')!;
    expect(wholeId).toMatch(/^req_[0-9a-f]{32}$/);
    expect((await rowOf(ledger, wholeId)).outcome).toBe('ok');

    const streamed = await postJson(`${gw.url}/v1/chat/completions`, {
      model: 'mock/echo',
      messages,
      stream: true,
    });
    await streamed.text();
    const streamedId = streamed.headers.get('x-request-id')!;
    expect(streamedId).not.toBe(wholeId);
    expect((await rowOf(ledger, streamedId)).stream).toBe(true);
  });

  it('for an Anthropic message (request-id) and for embeddings', async () => {
    const { gw, ledger } = await gatewayWithLedger();
    const message = await postJson(`${gw.url}/v1/messages`, {
      model: 'mock/echo',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(message.status).toBe(200);
    await rowOf(ledger, message.headers.get('request-id')!);

    const embeddings = await postJson(`${gw.url}/v1/embeddings`, { model: 'mock/embed', input: ['a', 'b'] });
    expect(embeddings.status).toBe(200);
    await rowOf(ledger, embeddings.headers.get('x-request-id')!);
  });

  it('for a call that failed upstream', async () => {
    const ledger = new MemoryLedger();
    gw = await startTestGateway({ mock: { replies: [{ error: { status: 500 } }] }, switchyard: { ledger } });
    const failed = await postJson(`${gw.url}/v1/chat/completions`, {
      model: 'mock/echo',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect((await rowOf(ledger, failed.headers.get('x-request-id')!)).outcome).toBe('error');
  });
});
