import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteLedger } from './sqlite-ledger.js';

const CHILD = fileURLToPath(new URL('./ledger-writer.child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'switchyard-ledger-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer until it has reported `atLeast` settled rows, then SIGKILLs it mid-write. */
function writeThenKill(path: string, atLeast: number): Promise<{ settled: string[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const settled: string[] = [];
    let pending = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) if (line.startsWith('settled ')) settled.push(line.slice('settled '.length));
      if (!killed && settled.length >= atLeast) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (!killed) reject(new Error(`the writer exited before it was killed: ${stderr}`));
      // Lines already in the pipe when the kill landed were settled too; the parent has read them by now.
      else resolve({ settled, signal });
    });
  });
}

describe('SqliteLedger under SIGKILL', () => {
  it('has a row for every call the killed process reported settled', async () => {
    const path = join(dir, 'killed.db');
    const { settled, signal } = await writeThenKill(path, 2000);
    expect(signal).toBe('SIGKILL');
    expect(settled.length).toBeGreaterThanOrEqual(2000);

    const ledger = new SqliteLedger({ path });
    const stored = new Set((await ledger.query()).map((row) => row.requestId));
    const missing = settled.filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    // The reopened file is a working ledger: migrations are not re-run, and writes go on.
    await ledger.record({ ...(await ledger.query({ limit: 1 }))[0]!, requestId: 'after-restart' });
    expect(await ledger.query({ requestId: 'after-restart' })).toHaveLength(1);
    await ledger.close();
  });
});
