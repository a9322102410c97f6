// biome-ignore-all lint/suspicious/noTemplateCurlyInString: config text uses ${VAR} placeholders on purpose
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { parseConfig } from './parse-config.js';
import { parseConfigText } from './parse-config-text.js';

/** The issues of a YAML text, each as `path: message`. */
function problems(yaml: string, env: Record<string, string> = {}): string[] {
  try {
    parseConfig(parseConfigText(yaml, 'yaml', 'switchyard.yaml'), { env, source: 'switchyard.yaml' });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('expected the config to be rejected');
}

describe('config validation messages', () => {
  it('names wrong types with the expected form, never the value', () => {
    expect(
      problems('providers:\n  openai:\n    timeout_ms: soon\n    enabled: maybe\n    headers: [a]\n'),
    ).toEqual([
      'providers.openai.headers: expected a mapping, got a list',
      'providers.openai.timeout_ms: expected a duration: milliseconds as a number, or a string such as 500ms, 30s, 2m, got a string',
      'providers.openai.enabled: expected true or false, got a string',
    ]);
  });

  it('names unknown options, with a suggestion for a typo', () => {
    expect(problems('providers:\n  openai:\n    timeot_ms: 5\npolicy: {}\n')).toEqual([
      'providers.openai.timeot_ms: unknown option; did you mean timeout_ms?',
      'policy: unknown option; did you mean policies?',
    ]);
    expect(problems('health:\n  zzz: 1\n')).toEqual([
      'health.zzz: unknown option; expected one of interval_ms, timeout_ms, required_providers, window_ms, minimum_calls, degraded_error_rate, down_error_rate',
    ]);
  });

  it('checks ranges, enums, lists and required fields', () => {
    expect(
      problems(`
policies:
  retry: { max_retries: -1, jitter: 2 }
  circuit_breaker: { failure_threshold: 0, failure_rate_threshold: 1.5 }
  hedge: { max_parallel: 1 }
  balancing: random
  fallback: { also_on: [authentication, typo_kind] }
`),
    ).toEqual([
      'policies.retry.max_retries: expected a number at least 0',
      'policies.retry.jitter: expected a number at most 1',
      'policies.circuit_breaker.failure_threshold: expected a number at least 1',
      'policies.circuit_breaker.failure_rate_threshold: expected a number at most 1',
      'policies.hedge.delay_ms: is required; expected a duration: milliseconds as a number, or a string such as 500ms, 30s, 2m',
      'policies.hedge.max_parallel: expected a number at least 2',
      'policies.fallback.also_on[1]: expected one of authentication, permission, billing, not_found, invalid_request, context_length_exceeded, rate_limited, overloaded, timeout, content_filter, server_error, network, unsupported, aborted, budget_exceeded, circuit_open, all_candidates_failed',
      'policies.balancing: expected one of weighted, round-robin, least-busy, lowest-latency, lowest-cost',
    ]);
  });

  it('points into chains at the entry as written', () => {
    expect(
      problems(`
aliases:
  smart: [openai/gpt-4o, { model: anthropic/x, weight: 0 }, 42]
  empty: []
routes:
  both: { chain: [a/b], require: { min_context: 1000 } }
  neither: { balancing: weighted }
provider_chain:
  primary: openai/gpt-4o
  fallback: [anthropic/claude, { group: [] }]
`),
    ).toEqual([
      'provider_chain.fallback[1].group: expected at least 1 item(s)',
      'aliases.smart[1].weight: expected a number greater than 0',
      'aliases.smart[2]: expected a model name, {model, weight}, a list of equivalent models, or {group, balancing}',
      'aliases.empty: expected at least 1 item(s)',
      'routes.both: has both chain and require; expected exactly one of them',
      'routes.neither: has neither chain nor require; expected exactly one of them',
    ]);
  });

  it('checks references between sections', () => {
    expect(
      problems(`
providers:
  anthropic: { use_for: [security] }
aliases:
  smart: [openai/gpt-4o, fats]
  a: [b]
  b: [a]
routes:
  smart: openai/gpt-4o
tasks:
  review: nothing-here
agents:
  bot:
    default: nobody
    models: { planner: [smart] }
provider_chain: { primary: anthropic, fallback: [openai/gpt-4o] }
default_model: nope
`),
    ).toEqual([
      'providers.anthropic.model: is required because use_for is set; expected the model to use for those tasks',
      'routes.smart: is also defined under aliases; expected unique names',
      "aliases.smart[1]: 'fats' is not an alias, a route, provider/model, or a configured provider with a model; expected one of those",
      "tasks.review: 'nothing-here' is not an alias, a route, provider/model, or a configured provider with a model; expected one of those",
      "agents.bot.default: 'nobody' is not an alias, a route, provider/model, or a configured provider with a model; expected one of those",
      "provider_chain.primary: 'anthropic' is not an alias, a route, provider/model, or a configured provider with a model; expected one of those",
      "default_model: 'nope' is not an alias, a route, provider/model, or a configured provider with a model; expected one of those",
      'aliases.a: refers back to itself (a -> b -> a); expected a chain that ends in provider/model names',
    ]);
  });

  it('rejects bad and repeated provider ids in both forms', () => {
    expect(problems('providers:\n  "bad id": {}\n')).toEqual([
      'providers["bad id"]: is not a valid name; expected letters, digits, ".", "_" or "-"',
    ]);
    expect(problems('providers:\n  - name: openai\n    timeout_ms: later\n')).toEqual([
      'providers[0].timeout_ms: expected a duration: milliseconds as a number, or a string such as 500ms, 30s, 2m, got a string',
    ]);
    expect(problems('providers:\n  - name: openai\n  - name: openai\n  - model: x\n')).toEqual([
      "providers[1]: repeats provider id 'openai'; expected unique ids",
      'providers[2]: has no id; expected an id or name field',
    ]);
  });

  it('checks the version, agents, requirements and presets', () => {
    expect(
      problems(`
version: 2
agents:
  bot: { default: x }
routes:
  r:
    require: { capabilities: [telepathy], max_price: { input: -1 }, limit: 0 }
`),
    ).toEqual([
      'version: expected 1',
      'routes.r.require.capabilities[0]: expected one of streaming, tools, structuredOutput, jsonMode, vision, embeddings, reasoning',
      'routes.r.require.max_price.input: expected a number at least 0',
      'routes.r.require.limit: expected a number at least 1',
      'agents.bot.models: is required; expected a mapping',
    ]);
    const withPresets = () =>
      parseConfig(
        { providers: { 'openai-eu': { preset: 'opnai' } } },
        { env: {}, source: 'switchyard.yaml', presets: ['openai', 'anthropic'] },
      );
    expect(withPresets).toThrow(
      "invalid switchyard.yaml: providers.openai-eu.preset: 'opnai' is not a built-in provider; expected one of anthropic, openai",
    );
  });

  it('rejects an option given in two spellings', () => {
    expect(problems('providers:\n  openai:\n    base_url: http://a\n    baseUrl: http://b\n')).toEqual([
      'providers.openai.baseUrl: given twice, as base_url and as baseUrl; expected only one of them',
    ]);
  });

  it('names the path and variable of an unset ${VAR}', () => {
    expect(problems('providers:\n  openai:\n    api_key: ${OPENAI_API_KEY}\n')).toEqual([
      'providers.openai.api_key: environment variable OPENAI_API_KEY is not set; set it, or write ${OPENAI_API_KEY:-default} to give a default',
    ]);
  });

  it('formats one issue on one line and several as a list, naming the file', () => {
    const one = () => parseConfig({ policies: { balancing: 'x' } }, { env: {}, source: 'switchyard.yaml' });
    expect(one).toThrow(
      'invalid switchyard.yaml: policies.balancing: expected one of weighted, round-robin, least-busy, lowest-latency, lowest-cost',
    );
    const two = () => parseConfig({ health: { intervalMs: 'x', minimumCalls: 0 } }, { env: {} });
    expect(two).toThrow(
      'invalid config (2 problems):\n  - health.intervalMs: expected a duration: milliseconds as a number, or a string such as 500ms, 30s, 2m, got a string\n  - health.minimumCalls: expected a number at least 1',
    );
  });
});

describe('secrets in config errors', () => {
  const key = 'sk-proj-abcdefghijklmnopqrstuvwx';

  function caught(fn: () => unknown): ConfigError {
    try {
      fn();
    } catch (error) {
      return error as ConfigError;
    }
    throw new Error('expected a ConfigError');
  }

  it('never prints an interpolated or literal key, even when it is the invalid value', () => {
    const cases = [
      caught(() =>
        parseConfig(
          { providers: { openai: { apiKey: '${KEY}', timeoutMs: '${KEY}' } } },
          { env: { KEY: key } },
        ),
      ),
      caught(() => parseConfig({ providers: { openai: { apiKey: key, model: 5 } } }, { env: {} })),
      caught(() => parseConfig({ aliases: { smart: ['${KEY}'] } }, { env: { KEY: 'plainsecretvalue' } })),
      caught(() => parseConfig({ defaultModel: key }, { env: {} })),
    ];
    for (const error of cases) {
      const everything = `${error.message} ${JSON.stringify(error)} ${JSON.stringify(error.issues)} ${String(error.stack)}`;
      expect(everything).not.toContain(key);
      expect(everything).not.toContain('abcdefghijkl');
      expect(everything).not.toContain('plainsecretvalue');
    }
    expect(cases[2]!.issues[0]!.message).toContain("'[REDACTED]' is not an alias");
  });
});
