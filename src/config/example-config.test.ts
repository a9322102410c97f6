import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Router } from '../router/router.js';
import { snakeCase } from './config-path.js';
import { configSchema } from './config-schema.js';
import { parseConfig } from './parse-config.js';
import { parseConfigText } from './parse-config-text.js';

const examplePath = new URL('../../switchyard.example.yaml', import.meta.url);
const docsPath = new URL('../../docs/configuration.md', import.meta.url);
const env = { OPENAI_API_KEY: 'sk-test-openai-0000', ANTHROPIC_API_KEY: 'sk-ant-test-0000' };

/** Every option name the schema accepts, in snake_case, found by walking its object shapes. */
function optionNames(schema: z.ZodType, found = new Set<string>()): Set<string> {
  const def = (schema as unknown as { def: Record<string, unknown> }).def;
  const children: unknown[] = [];
  if (def.type === 'object') {
    for (const [key, child] of Object.entries(def.shape as Record<string, unknown>)) {
      found.add(snakeCase(key));
      children.push(child);
    }
  }
  for (const field of ['in', 'out', 'innerType', 'element', 'valueType'])
    if (def[field]) children.push(def[field]);
  for (const child of children) optionNames(child as z.ZodType, found);
  return found;
}

/** Every option name written in a parsed YAML value (keys of records included; only membership matters). */
function keysIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysIn(item, found);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      found.add(key);
      keysIn(item, found);
    }
  }
  return found;
}

describe('switchyard.example.yaml', () => {
  const text = readFileSync(examplePath, 'utf8');

  it('is valid and resolves every route it defines', () => {
    const config = parseConfig(parseConfigText(text, 'yaml', 'switchyard.example.yaml'), {
      env,
      source: 'switchyard.example.yaml',
    });
    const router = new Router({ config, env: {} });
    expect(router.resolve().route).toBe('smart');
    for (const name of [...Object.keys(config.aliases), 'code_review'])
      expect(router.resolve({ model: name }).groups.length).toBeGreaterThan(0);
    expect(router.resolve({ task: 'security' }).groups[0]!.deployments[0]!.id).toBe(
      'anthropic/claude-sonnet-4-5',
    );
    expect(router.resolve({ agent: 'reviewer' }).requested).toBe('agent:reviewer/planner');
    expect(config.getProviderForTask('general')?.id).toBe('openai');
  });

  it('covers every option the schema accepts', () => {
    const written = keysIn(parseConfigText(text, 'yaml', 'switchyard.example.yaml'));
    const missing = [...optionNames(configSchema)].filter(
      (name) => !written.has(name) && !(name.endsWith('_ms') && written.has(name.slice(0, -3))),
    );
    // `id` and `name` belong to the list form of providers, shown in docs/configuration.md; `$schema`
    // is only accepted for editors that read it.
    expect(missing.filter((name) => !['id', 'name', '$schema'].includes(name))).toEqual([]);
  });
});

describe('docs/configuration.md', () => {
  const blocks = [...readFileSync(docsPath, 'utf8').matchAll(/```(yaml|toml|json)\n([\s\S]*?)```/g)].map(
    (match) => ({
      format: match[1] as 'yaml' | 'toml' | 'json',
      text: match[2]!,
    }),
  );

  it('has examples in every format', () => {
    expect(blocks.filter((block) => block.format === 'yaml').length).toBeGreaterThan(10);
    expect(blocks.map((block) => block.format)).toEqual(expect.arrayContaining(['toml', 'json']));
  });

  for (const [index, { format, text }] of blocks.entries()) {
    const invalid = text.startsWith('# invalid');
    it(`example ${index + 1} (${format}) ${invalid ? 'is rejected with the documented message' : 'is valid'}`, () => {
      const source = `switchyard.${format}`;
      const parse = () => parseConfig(parseConfigText(text, format, source), { env, source });
      if (!invalid) {
        expect(parse).not.toThrow();
        return;
      }
      // An invalid example states the exact message on its `# error:` line.
      const expected = text.match(/^# error: (.*)$/m)?.[1];
      expect(expected).toBeDefined();
      expect(parse).toThrow(expected!);
    });
  }
});
