import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_MOCK_TARGETS, type ProtocolMockTarget } from '../cli/protocol-mock-targets.js';
import { Switchyard } from '../client/switchyard.js';
import type { MockHttpServer } from '../testing/mock-http-server.js';

const KEY = 'sk-headers-test-0123456789';

// Headers given in config (attribution, org ids, gateway auth) must reach every protocol's wire.
describe.each(PROTOCOL_MOCK_TARGETS)('configured headers reach $modelId', (target: ProtocolMockTarget) => {
  let server: MockHttpServer;
  beforeAll(async () => {
    server = await target.start(KEY);
  });
  afterAll(() => server.close());

  it('on chat calls', async () => {
    const providerId = target.modelId.split('/')[0]!;
    const sy = new Switchyard({
      env: target.env(server.origin, KEY),
      providers: { [providerId]: { headers: { 'x-team-header': 'blue' } } },
    });
    await sy.chat({ model: target.modelId, messages: [{ role: 'user', content: 'hi' }] });
    expect(server.lastRequest?.headers['x-team-header']).toBe('blue');
  });
});
