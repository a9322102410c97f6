import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../start-test-gateway.js';
import { Counter, Histogram } from './prometheus-registry.js';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

describe('Prometheus registry', () => {
  it('renders counters with escaped labels and cumulative histogram buckets', () => {
    const counter = new Counter('c_total', 'A counter.');
    counter.inc({ path: 'a"b\\c' });
    counter.inc({ path: 'a"b\\c' }, 2);
    expect(counter.render()).toBe(
      '# HELP c_total A counter.\n# TYPE c_total counter\nc_total{path="a\\"b\\\\c"} 3\n',
    );
    const histogram = new Histogram('h_seconds', 'A histogram.', [0.1, 1]);
    histogram.observe({}, 0.05);
    histogram.observe({}, 0.5);
    histogram.observe({}, 5);
    expect(histogram.render().split('\n').slice(2, 7)).toEqual([
      'h_seconds_bucket{le="0.1"} 1',
      'h_seconds_bucket{le="1"} 2',
      'h_seconds_bucket{le="+Inf"} 3',
      'h_seconds_sum 5.55',
      'h_seconds_count 3',
    ]);
  });
});

describe('GET /metrics', () => {
  it('counts requests, tokens, errors and time to first token, behind the master key', async () => {
    gw = await startTestGateway({ gateway: { masterKey: 'sy-metrics-key' } });
    const headers = { 'content-type': 'application/json', authorization: 'Bearer sy-metrics-key' };
    gw.mock.enqueue({ text: 'a b', usage: { inputTokens: 10, outputTokens: 4 } });
    await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: 'mock/echo', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    }).then((r) => r.text());
    await fetch(`${gw.url}/v1/messages`, { method: 'POST', headers, body: '{' }).then((r) => r.text());

    expect((await fetch(`${gw.url}/metrics`)).status).toBe(401);
    const response = await fetch(`${gw.url}/metrics`, { headers });
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain(
      'switchyard_gateway_requests_total{route="/chat/completions",status="200",provider="mock"} 1',
    );
    expect(text).toContain('switchyard_gateway_tokens_total{provider="mock",type="input"} 10');
    expect(text).toContain('switchyard_gateway_tokens_total{provider="mock",type="output"} 4');
    expect(text).toContain('switchyard_gateway_errors_total{kind="invalid_request",route="/messages"} 1');
    expect(text).toContain('switchyard_gateway_time_to_first_token_seconds_count{provider="mock"} 1');
    expect(text).toMatch(/switchyard_gateway_overhead_seconds_count\{route="\/chat\/completions"\} 1/);
    expect(text).toContain('switchyard_gateway_in_flight_requests 1');
  });
});

describe('GET /metrics: money, cache, fallbacks and breakers', () => {
  it('exports the cost by provider, cache outcomes, fallbacks and breaker states', async () => {
    const { MockProvider } = await import('../../providers/mock/mock-provider.js');
    const openai = new MockProvider({
      id: 'openai',
      defaultReply: { text: 'ok', usage: { inputTokens: 1000, outputTokens: 100 } },
    });
    const broken = new MockProvider({
      id: 'broken',
      defaultReply: { error: { status: 503, message: 'down for maintenance' } },
    });
    gw = await startTestGateway({
      switchyard: {
        customProviders: [openai, broken],
        config: {
          cache: { ttl_ms: 60_000 },
          aliases: { steady: { chain: ['broken/x', 'openai/gpt-4o-mini'] } },
          policies: { retry: { maxRetries: 0 }, circuitBreaker: { failureThreshold: 1 } },
        },
      },
    });
    const ask = (model: string) =>
      fetch(`${gw!.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model, temperature: 0, messages: [{ role: 'user', content: 'price me' }] }),
      }).then((r) => r.text());
    await ask('steady');
    await ask('steady');
    const text = await (await fetch(`${gw.url}/metrics`)).text();
    // One priced call (1000 x $0.15/M + 100 x $0.60/M); the second was a cache hit at zero cost.
    expect(text).toContain('switchyard_cost_usd_total{provider="openai"} 0.00021');
    expect(text).toContain('switchyard_gateway_cache_total{status="miss"} 1');
    expect(text).toContain('switchyard_gateway_cache_total{status="hit"} 1');
    expect(text).toContain('switchyard_gateway_fallbacks_total{route="/chat/completions"} 1');
    expect(text).toMatch(/switchyard_circuit_breaker_state\{deployment="broken\/x[^"]*"\} 2/);
  });
});
