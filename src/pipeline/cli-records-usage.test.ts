import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryContext } from '../cli/memory-context.js';
import { runCli } from '../cli/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-cli-ledger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the CLI records every chat to the SQLite ledger that usage and stats read', () => {
  it('chat, then usage --json and stats --json show the call from ./.switchyard/ledger.db', async () => {
    const listing = memoryContext({ cwd: dir, recordLedger: true });
    expect(await runCli(['providers'], listing)).toBe(0);
    // Commands that make no call leave no ledger file behind.
    expect(existsSync(join(dir, '.switchyard'))).toBe(false);

    const chat = memoryContext({ cwd: dir, recordLedger: true });
    expect(await runCli(['chat', '-m', 'mock/echo', 'hello ledger'], chat)).toBe(0);
    expect(await runCli(['chat', '-m', 'mock/echo', '--stream', 'and a stream'], chat)).toBe(0);
    expect(existsSync(join(dir, '.switchyard', 'ledger.db'))).toBe(true);

    const usage = memoryContext({ cwd: dir });
    expect(await runCli(['usage', '--by', 'model', '--since', 'all', '--json'], usage)).toBe(0);
    const report = JSON.parse(usage.stdoutText());
    expect(report.groups).toEqual([expect.objectContaining({ group: 'mock/echo', requests: 2, errors: 0 })]);
    expect(report.groups[0].inputTokens).toBeGreaterThan(0);

    const stats = memoryContext({ cwd: dir });
    expect(await runCli(['stats', '--since', 'all', '--json'], stats)).toBe(0);
    expect(JSON.parse(stats.stdoutText()).models).toEqual([
      expect.objectContaining({ provider: 'mock', model: 'echo', requests: 2 }),
    ]);
  });
});
