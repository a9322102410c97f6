import { spawn } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../../dist/cli/main.js', import.meta.url));
let cwd: string;

beforeAll(async () => {
  await access(BIN).catch(() => {
    throw new Error(`${BIN} is missing: run \`npm run build\` before these tests (npm test does)`);
  });
  cwd = await mkdtemp(join(tmpdir(), 'switchyard-serve-process-'));
});
afterAll(() => rm(cwd, { recursive: true, force: true }));

describe('switchyard serve as a process (buffered stdout logs)', () => {
  it('prints its address at once, logs the requests, and flushes every line on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
      cwd,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) =>
        reject(new Error(`serve exited with ${code} before listening: ${stdout}`)),
      );
    });
    for (let n = 0; n < 3; n++) {
      const response = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content: `hello ${n}` }] }),
      });
      expect(response.status).toBe(200);
      await response.text();
    }
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; path?: string; status?: number });
    expect(lines.filter((line) => line.msg === 'request' && line.status === 200)).toHaveLength(3);
    expect(lines.at(-1)?.msg).toBe('gateway stopped');
  });
});
