import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { blockLogDestination, LOG_BLOCK } from './log-destination.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-log-destination-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./log-destination.child.ts', import.meta.url));

async function fileWith(path: string, bytes: number): Promise<string> {
  for (let tries = 0; tries < 200; tries++) {
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      // Not created yet.
    }
    if (Buffer.byteLength(text) >= bytes) return text;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${path} never reached ${bytes} bytes`);
}

describe('blockLogDestination', () => {
  it('writes every line whole and in order, multi-byte characters counted as bytes', async () => {
    const path = join(dir, 'lines.log');
    const { stream, flush } = blockLogDestination(path);
    // More than two blocks, so some lines go out because a block filled and the rest on flush.
    const lines: string[] = [];
    for (let n = 0; lines.join('').length < LOG_BLOCK.minLength * 2.5; n++) {
      lines.push(`{"n":${n},"text":"héllo — 日本 ✓","pad":"${'x'.repeat(n % 97)}"}\n`);
    }
    for (const line of lines) stream.write(line);
    const expected = lines.join('');
    // Wait for the blocks in flight to land before the flush of the rest.
    await new Promise((resolve) => setTimeout(resolve, 50));
    flush();
    expect(await fileWith(path, Buffer.byteLength(expected))).toBe(expected);
  });

  it('writes what is still buffered when the process exits', () => {
    const path = join(dir, 'exit.log');
    const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, path, '100'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(100);
    expect(lines.map((line) => JSON.parse(line).n)).toEqual([...Array(100).keys()]);
    expect(JSON.parse(lines[99]!).msg).toBe('é ✓');
  });
});
