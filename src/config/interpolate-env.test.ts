// biome-ignore-all lint/suspicious/noTemplateCurlyInString: config text uses ${VAR} placeholders on purpose
import { describe, expect, it } from 'vitest';
import { interpolateEnv } from './interpolate-env.js';

describe('interpolateEnv', () => {
  it('replaces variables and defaults in nested strings, leaving keys and other values alone', () => {
    const input = {
      providers: {
        openai: { api_key: '${OPENAI_API_KEY}', base_url: '${OPENAI_URL:-https://api.openai.com/v1}' },
      },
      list: ['a-${SUFFIX}', 3, true, null],
      '${KEY}': 'x',
    };
    const { value, issues } = interpolateEnv(input, { OPENAI_API_KEY: 'sk-test-123456789', SUFFIX: 'z' });
    expect(issues).toEqual([]);
    expect(value).toEqual({
      providers: { openai: { api_key: 'sk-test-123456789', base_url: 'https://api.openai.com/v1' } },
      list: ['a-z', 3, true, null],
      '${KEY}': 'x',
    });
  });

  it('uses the default when the variable is empty, and keeps $${ literal', () => {
    const { value } = interpolateEnv(
      { a: '${EMPTY:-fallback}', b: 'cost $${NOT_A_VAR}', c: '${EMPTY}' },
      { EMPTY: '' },
    );
    expect(value).toEqual({ a: 'fallback', b: 'cost ${NOT_A_VAR}', c: '' });
  });

  it('names the path and variable of an unset variable', () => {
    const { issues } = interpolateEnv({ providers: [{ api_key: '${MISSING_KEY}' }] }, {});
    expect(issues).toEqual([
      {
        path: ['providers', 0, 'api_key'],
        message:
          'environment variable MISSING_KEY is not set; set it, or write ${MISSING_KEY:-default} to give a default',
      },
    ]);
  });

  it('reports malformed placeholders', () => {
    const { issues } = interpolateEnv({ a: '${1BAD}', b: 'oops ${OPEN' }, {});
    expect(issues.map((issue) => issue.message)).toEqual([
      'invalid placeholder ${1BAD}; expected ${NAME} or ${NAME:-default} with NAME made of letters, digits and _',
      'unclosed ${ placeholder; expected ${NAME} or ${NAME:-default}',
    ]);
  });
});
