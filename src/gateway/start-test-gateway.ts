import { Switchyard, type SwitchyardOptions } from '../client/switchyard.js';
import { MockProvider, type MockProviderOptions } from '../providers/mock/mock-provider.js';
import { createGateway, type Gateway } from './create-gateway.js';
import type { GatewayOptions } from './gateway-options.js';

export interface TestGateway {
  gateway: Gateway;
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** The scripted `mock` provider behind the gateway. */
  mock: MockProvider;
  switchyard: Switchyard;
  close(): Promise<void>;
}

/**
 * A gateway on a free loopback port over a scripted MockProvider (and any other providers given),
 * without logs and without retries: for tests of the gateway and of clients pointed at it.
 */
export async function startTestGateway(
  options: {
    mock?: MockProviderOptions;
    switchyard?: SwitchyardOptions;
    gateway?: Omit<GatewayOptions, 'switchyard'>;
  } = {},
): Promise<TestGateway> {
  const mock = new MockProvider(options.mock);
  const switchyard = new Switchyard({
    env: {},
    // Scripted errors must reach the client as scripted: no retries, no breaker unless a test asks.
    config: { policies: { retry: { maxRetries: 0 }, circuitBreaker: { enabled: false } } },
    ...options.switchyard,
    customProviders: [mock, ...(options.switchyard?.customProviders ?? [])],
  });
  const gateway = createGateway({ logger: false, ...options.gateway, switchyard, port: 0 });
  const { url } = await gateway.listen();
  return { gateway, url, mock, switchyard, close: () => gateway.close({ graceMs: 0 }) };
}
