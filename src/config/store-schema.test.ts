// biome-ignore-all lint/suspicious/noTemplateCurlyInString: config text uses ${VAR} placeholders on purpose
import { describe, expect, it } from 'vitest';
import { storeFromConfig } from '../store/store-from-config.js';
import { ConfigError } from './config-error.js';
import { parseConfig } from './parse-config.js';
import { parseConfigText } from './parse-config-text.js';

function parse(yaml: string, env: Record<string, string> = {}) {
  return parseConfig(parseConfigText(yaml, 'yaml', 'switchyard.yaml'), { env, source: 'switchyard.yaml' });
}

function problems(yaml: string): string[] {
  try {
    parse(yaml);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('expected the config to be rejected');
}

describe('the store: section', () => {
  it('is in memory when absent', () => {
    expect(parse('cache: {}').store).toEqual({});
  });

  it('reads a Redis URL and key prefix, with ${VAR} and either key style', () => {
    const env = { REDIS_URL: 'redis://:secret@cache.internal:6380/2' };
    expect(parse('store:\n  redis:\n    url: ${REDIS_URL}\n    key_prefix: "team-a:"\n', env).store).toEqual({
      redis: { url: 'redis://:secret@cache.internal:6380/2', keyPrefix: 'team-a:' },
    });
    expect(parse('store: { redis: { url: "rediss://cache.internal", keyPrefix: "" } }').store).toEqual({
      redis: { url: 'rediss://cache.internal', keyPrefix: '' },
    });
  });

  it('is in memory when the URL is empty (an unset ${VAR:-}), so one file serves one process and a fleet', () => {
    const config = parse('store:\n  redis:\n    url: ${SWITCHYARD_REDIS_URL:-}\n');
    expect(config.store).toEqual({ redis: {} });
    expect(storeFromConfig(config.store)).toBeUndefined();
  });

  it('names the path of what is wrong, without repeating the URL', () => {
    expect(problems('store:\n  redis:\n    url: http://secret@cache.internal\n')).toEqual([
      'store.redis.url: expected a redis:// or rediss:// URL, such as redis://127.0.0.1:6379',
    ]);
    expect(problems('store:\n  redis:\n    key_prefix: a\n')).toEqual([
      'store.redis.url: is required; expected a string',
    ]);
    expect(problems('store:\n  redis:\n    url: redis://h\n    key_prefx: a\n')).toEqual([
      'store.redis.key_prefx: unknown option; did you mean key_prefix?',
    ]);
    expect(problems('store:\n  memcached: {}\n')).toEqual([
      'store.memcached: unknown option; expected one of redis',
    ]);
  });
});
