// biome-ignore-all lint/suspicious/noTemplateCurlyInString: config text uses ${VAR} placeholders on purpose
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { findConfigFile, loadConfig, loadConfigSync } from './load-config.js';

function directory(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const yaml = `
providers:
  openai:
    api_key: \${OPENAI_API_KEY}
    timeout_ms: 30s
aliases:
  smart: [openai/gpt-4o, anthropic/claude-sonnet-4-5]
`;
const toml = `
[providers.openai]
api_key = "\${OPENAI_API_KEY}"
timeout_ms = "30s"

[aliases]
smart = ["openai/gpt-4o", "anthropic/claude-sonnet-4-5"]
`;
const json = JSON.stringify({
  providers: { openai: { api_key: '${OPENAI_API_KEY}', timeout_ms: '30s' } },
  aliases: { smart: ['openai/gpt-4o', 'anthropic/claude-sonnet-4-5'] },
});
const env = { OPENAI_API_KEY: 'sk-live-abcdefghijkl' };

describe('loadConfig', () => {
  for (const [name, text] of [
    ['switchyard.yaml', yaml],
    ['switchyard.yml', yaml],
    ['switchyard.toml', toml],
    ['switchyard.json', json],
  ] as const) {
    it(`reads ${name} from the working directory into the same config`, async () => {
      const cwd = directory({ [name]: text });
      const config = await loadConfig({ cwd, env });
      expect(config.source).toBe(join(cwd, name));
      expect(config.providers).toEqual({ openai: { apiKey: 'sk-live-abcdefghijkl', timeoutMs: 30_000 } });
      expect(config.aliases.smart?.chain?.map((step) => step.group[0]!.model)).toEqual([
        'openai/gpt-4o',
        'anthropic/claude-sonnet-4-5',
      ]);
    });
  }

  it('prefers .yaml, then .yml, .toml, .json', () => {
    const cwd = directory({ 'switchyard.json': '{}', 'switchyard.toml': '', 'switchyard.yml': '' });
    expect(findConfigFile({ cwd, env: {} })).toBe(join(cwd, 'switchyard.yml'));
  });

  it('takes an explicit path over SWITCHYARD_CONFIG over the working directory', () => {
    const cwd = directory({ 'switchyard.yaml': '', 'conf/a.toml': '', 'conf/b.json': '{}' });
    expect(findConfigFile({ cwd, env: { SWITCHYARD_CONFIG: 'conf/a.toml' } })).toBe(join(cwd, 'conf/a.toml'));
    expect(findConfigFile({ cwd, env: { SWITCHYARD_CONFIG: 'conf/a.toml' }, path: 'conf/b.json' })).toBe(
      join(cwd, 'conf/b.json'),
    );
  });

  it('returns an empty config when there is no file, and an empty file is an empty config', async () => {
    const empty = await loadConfig({ cwd: directory({}), env: {} });
    expect(empty.providers).toEqual({});
    expect(empty.source).toBeUndefined();
    expect(
      loadConfigSync({ cwd: directory({ 'switchyard.yaml': '# nothing yet\n' }), env: {} }).aliases,
    ).toEqual({});
  });

  it('fails when a named file does not exist, saying who named it', () => {
    const cwd = directory({});
    expect(() => findConfigFile({ cwd, env: {}, path: 'missing.yaml' })).toThrow(
      `invalid ${join(cwd, 'missing.yaml')}: (file): config file given does not exist; expected a readable file`,
    );
    expect(() => findConfigFile({ cwd, env: { SWITCHYARD_CONFIG: '/nowhere/s.yaml' } })).toThrow(
      'invalid /nowhere/s.yaml: (file): config file named by SWITCHYARD_CONFIG does not exist; expected a readable file',
    );
  });

  it('rejects unknown file types', () => {
    const cwd = directory({ 'settings.ini': 'a=1' });
    expect(() => loadConfigSync({ cwd, env: {}, path: 'settings.ini' })).toThrow(
      '(file): unknown file type; expected .yaml, .yml, .toml or .json',
    );
  });

  it('reports syntax errors with position but without quoting the line (it may hold a key)', () => {
    const secret = 'sk-proj-SECRETSECRET123';
    const cases: Array<[string, string, string]> = [
      [
        'switchyard.yaml',
        `providers:\n  openai:\n    api_key: ${secret}\n  bad: [unclosed\n`,
        'YAML syntax error:',
      ],
      ['switchyard.yaml', 'a: 1\na: 2\n', 'line 2, column 1: YAML syntax error: Map keys must be unique'],
      ['switchyard.toml', `[providers.openai]\napi_key = "${secret}\n`, 'line 2, column'],
      [
        'switchyard.json',
        `{"providers": {"openai": {"api_key": "${secret}",}}}`,
        'line 1, column 64: JSON syntax error: Expected double-quoted property name',
      ],
    ];
    for (const [name, text, expected] of cases) {
      const cwd = directory({ [name]: text });
      let caught: unknown;
      try {
        loadConfigSync({ cwd, env: {} });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConfigError);
      const message = (caught as ConfigError).message;
      expect(message).toContain(expected);
      expect(message).not.toContain('SECRETSECRET');
      expect(JSON.stringify(caught)).not.toContain('SECRETSECRET');
    }
  });
});
