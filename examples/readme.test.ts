import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { memoryContext } from '../src/cli/memory-context.js';
import type { MockHttpServer } from '../src/testing/mock-http-server.js';
import { startOpenAIMockServer } from '../src/testing/openai-mock-server.js';
import { argumentsOf, README_CLI_LINES, main as readmeCli } from './readme-cli.js';
import { main as readmeLibrary } from './readme-library.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'dist/cli/main.js');
const KEY = 'sk-readme-test-0123456789abcdef';

/** The first fenced block of the given language under a `## <section>` heading of README.md. */
async function readmeBlock(section: string, language: string): Promise<string> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${section}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${section}" section`);
  const fence = readme.indexOf(`\`\`\`${language}\n`, start);
  const end = readme.indexOf('\n```', fence + 1);
  if (fence < 0 || end < 0) throw new Error(`README.md "## ${section}" has no \`\`\`${language} block`);
  return readme.slice(fence + language.length + 4, end + 1);
}

function run(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: options.cwd, env: { PATH: process.env.PATH ?? '', ...options.env }, timeout: 20_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

let openai: MockHttpServer;
beforeAll(async () => {
  openai = await startOpenAIMockServer({ apiKey: KEY });
});
afterAll(() => openai.close());

describe("README's library example", () => {
  it('is the code of examples/readme-library.ts, apart from the import path', async () => {
    const block = await readmeBlock('Library', 'ts');
    const source = await readFile(join(ROOT, 'examples/readme-library.ts'), 'utf8');
    const region = source.slice(source.indexOf('// README:begin\n') + 16, source.indexOf('  // README:end'));
    const dedented = region.replace(/^ {2}/gm, '');
    expect(block).toBe(`import { Switchyard } from 'switchyard';\n\n${dedented}`);
  });

  it('prints the echoed answer, its usage and finish reason, then the streamed text', async () => {
    const logged: unknown[][] = [];
    const written: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      logged.push(args);
    });
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      await readmeLibrary();
    } finally {
      log.mockRestore();
      write.mockRestore();
    }
    expect(logged).toEqual([
      ['You said: Say hello', expect.objectContaining({ totalTokens: expect.any(Number) }), 'stop'],
    ]);
    expect(written.join('')).toBe('You said: Stream this');
  });

  it('runs as written against the built package, imported by its name', async () => {
    await access(join(ROOT, 'dist/index.js')).catch(() => {
      throw new Error('dist/ is missing: run `npm run build` before these tests (npm test does)');
    });
    // A project that depends on switchyard: node_modules/switchyard points at this repository.
    const project = await mkdtemp(join(tmpdir(), 'switchyard-readme-'));
    await mkdir(join(project, 'node_modules'));
    await symlink(ROOT, join(project, 'node_modules', 'switchyard'), 'dir');
    // The README snippet has no type annotations, so it is valid JavaScript as it stands.
    await writeFile(join(project, 'example.mjs'), await readmeBlock('Library', 'ts'));
    const result = await run(['example.mjs'], { cwd: project });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^You said: Say hello \{[\s\S]*totalTokens: \d+[\s\S]*\} stop\nYou said: Stream this$/,
    );
  });
});

describe("README's CLI example", () => {
  it('is the command list of examples/readme-cli.ts', async () => {
    const block = await readmeBlock('CLI', 'sh');
    expect(block).toBe(`${README_CLI_LINES.join('\n')}\n`);
  });

  it('runs every command through the built bin, with a key and base URL set for `models openai`', async () => {
    const env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${openai.origin}/v1` };
    const outputs = [];
    for (const line of README_CLI_LINES) {
      const result = await run([BIN, ...argumentsOf(line)], { env });
      expect(result.stderr, line).toBe('');
      expect(result.code, line).toBe(0);
      outputs.push(result.stdout);
    }
    expect(outputs[0]).toMatch(/^openai\s+openai\s+yes\s/m);
    expect(outputs[1]).toBe('You said: hello\n');
    expect(outputs[2]).toMatch(/^openai\/gpt-4o-mini\s/m);
  });

  it('runs in-process too, as examples/readme-cli.ts main()', async () => {
    const context = memoryContext({ env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${openai.origin}/v1` } });
    expect(await readmeCli(context)).toEqual([0, 0, 0]);
    expect(context.stdoutText()).toContain('You said: hello\n');
  });
});
