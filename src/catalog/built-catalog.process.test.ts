import { execFile } from 'node:child_process';
import { access, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/** The built package: `npm test` builds before vitest runs; alone, run `npm run build` first. */
const DIST = new URL('../../dist/', import.meta.url);
const BIN = fileURLToPath(new URL('cli/main.js', DIST));

beforeAll(async () => {
  await access(BIN).catch(() => {
    throw new Error(`${BIN} is missing: run \`npm run build\` before these tests (npm test does)`);
  });
});

function run(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? '' }, timeout: 20_000 },
      (error, stdout) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout }),
    );
  });
}

describe('the catalog in the built package', () => {
  it('ships every data file beside the compiled loader', async () => {
    const source = (await readdir(new URL('./data/', import.meta.url))).sort();
    expect(source.length).toBeGreaterThanOrEqual(15);
    expect((await readdir(new URL('catalog/data/', DIST))).sort()).toEqual(source);
  });

  it('loads and searches from dist', async () => {
    const { createCatalog } = (await import(
      new URL('catalog/create-catalog.js', DIST).href
    )) as typeof import('./create-catalog.js');
    const catalog = createCatalog();
    expect(catalog.size).toBeGreaterThanOrEqual(80);
    expect(catalog.get('claude-haiku-4-5')?.prices.cacheWrite.toString()).toBe('1.25');
  });

  it('answers switchyard models --capability ... --json from the bin', async () => {
    const { code, stdout } = await run(['models', '--capability', 'embeddings', '--embedding', '--json']);
    expect(code).toBe(0);
    const ids = (JSON.parse(stdout) as Array<{ id: string }>).map((entry) => entry.id);
    expect(ids).toContain('text-embedding-3-small');
  });
});
