import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../core/types/chat-request.js';
import { MockProvider } from '../providers/mock/mock-provider.js';
import type { MockReply } from '../testing/mock-reply.js';
import { Switchyard } from './switchyard.js';

const hi = [{ role: 'user' as const, content: 'hi' }];

/** Scripted providers `alpha`, `beta` and `gamma`; an unscripted call echoes the prompt. */
function providers(script: Partial<Record<'alpha' | 'beta' | 'gamma', MockReply[]>> = {}) {
  return (['alpha', 'beta', 'gamma'] as const).map(
    (id) => new MockProvider({ id, replies: script[id] ?? [] }),
  );
}

const CONFIG = {
  providers: [
    { name: 'alpha', model: 'a-large', use_for: ['security'] },
    { name: 'beta', model: 'b-large', use_for: ['security', 'general'] },
  ],
  tasks: { translate: ['gamma/g-small', 'beta/b-small'] },
  agents: {
    reviewer: {
      default: 'planner',
      models: {
        planner: ['alpha/a-plan', 'gamma/g-plan'],
        coder: { chain: ['beta/b-code', 'gamma/g-code'], policies: { retry: { max_retries: 0 } } },
      },
    },
  },
  policies: { retry: { max_retries: 0 } },
};

describe('Switchyard routing from the library', () => {
  it('routes a task through the providers whose use_for lists it, in config order, falling back', async () => {
    const [alpha, beta, gamma] = providers({
      alpha: [{ error: { status: 503 } }],
      beta: [{ text: 'secure' }],
    });
    const sy = new Switchyard({ env: {}, config: CONFIG, customProviders: [alpha!, beta!, gamma!] });
    expect(sy.config.getProviderForTask('security')?.id).toBe('alpha');
    const result = await sy.chat({ task: 'security', messages: hi });
    expect(result.text).toBe('secure');
    expect(result.attempts!.map((a) => [a.deploymentId, a.outcome])).toEqual([
      ['alpha/a-large', 'error'],
      ['beta/b-large', 'ok'],
    ]);
    // The task rides along as metadata; the provider sees its own model name.
    expect((beta!.requests[0] as ChatRequest).model).toBe('b-large');
    expect((beta!.requests[0] as ChatRequest).metadata).toMatchObject({ task: 'security' });
  });

  it('prefers the tasks map over use_for, and a model given in the call over the task', async () => {
    const [alpha, beta, gamma] = providers();
    const sy = new Switchyard({ env: {}, config: CONFIG, customProviders: [alpha!, beta!, gamma!] });
    expect((await sy.chat({ task: 'translate', messages: hi })).attempts![0]!.deploymentId).toBe(
      'gamma/g-small',
    );
    expect((await sy.chat({ task: 'translate', model: 'beta/b-x', messages: hi })).provider).toBe('beta');
  });

  it("routes an agent to its default role's chain, and a named role to that role's chain", async () => {
    const [alpha, beta, gamma] = providers({
      alpha: [{ error: { status: 429 } }],
      beta: [{ error: { status: 500 } }],
    });
    const sy = new Switchyard({ env: {}, config: CONFIG, customProviders: [alpha!, beta!, gamma!] });
    const planner = await sy.chat({ agent: 'reviewer', messages: hi });
    expect(planner.attempts!.map((a) => [a.deploymentId, a.outcome])).toEqual([
      ['alpha/a-plan', 'error'],
      ['gamma/g-plan', 'ok'],
    ]);
    const coder = await sy.chat({ agent: 'reviewer', model: 'coder', messages: hi });
    expect(coder.attempts!.map((a) => [a.deploymentId, a.outcome, a.retries])).toEqual([
      ['beta/b-code', 'error', 0],
      ['gamma/g-code', 'ok', 0],
    ]);
    expect(sy.plan({ agent: 'reviewer', model: 'coder' }).requested).toBe('agent:reviewer/coder');
  });

  it('streams through a task route the same way', async () => {
    const [alpha, beta, gamma] = providers({
      alpha: [{ error: { status: 529 } }],
      beta: [{ text: 'streamed' }],
    });
    const sy = new Switchyard({ env: {}, config: CONFIG, customProviders: [alpha!, beta!, gamma!] });
    const result = await sy.stream({ task: 'security', messages: hi }).result;
    expect(result.text).toBe('streamed');
    expect(result.attempts!.map((a) => a.deploymentId)).toEqual(['alpha/a-large', 'beta/b-large']);
  });

  it('takes the model from SWITCHYARD_MODEL, or MODEL_PROVIDER with <ID>_MODEL, when the call names none', async () => {
    const custom = providers();
    const byName = new Switchyard({
      env: { SWITCHYARD_MODEL: 'gamma/g-env' },
      config: CONFIG,
      customProviders: custom,
    });
    expect((await byName.chat({ messages: hi })).attempts![0]!.deploymentId).toBe('gamma/g-env');
    const byProvider = new Switchyard({
      env: { MODEL_PROVIDER: 'beta', BETA_MODEL: 'b-env' },
      config: CONFIG,
      customProviders: custom,
    });
    expect((await byProvider.chat({ messages: hi })).attempts![0]!.deploymentId).toBe('beta/b-env');
  });

  it('reads the config file named by SWITCHYARD_CONFIG in fromConfigFile()', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-routing-'));
    const path = join(dir, 'routes.yaml');
    await writeFile(path, 'aliases:\n  smart: [alpha/a1, beta/b1]\npolicies:\n  retry: { max_retries: 0 }\n');
    const sy = await Switchyard.fromConfigFile(undefined, {
      env: { SWITCHYARD_CONFIG: path },
      customProviders: providers({ alpha: [{ error: { status: 503 } }] }),
    });
    const result = await sy.chat({ model: 'smart', messages: hi });
    expect(result.provider).toBe('beta');
    expect(result.attempts!.map((a) => a.outcome)).toEqual(['error', 'ok']);
  });
});
