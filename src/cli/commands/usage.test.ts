import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerRow } from '../../accounting/ledger/ledger-test-rows.js';
import { SqliteLedger } from '../../accounting/ledger/sqlite-ledger.js';
import { memoryContext } from '../memory-context.js';
import { runCli } from '../run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-usage-'));
const path = join(dir, 'ledger.db');
const HOUR = 3_600_000;

beforeAll(async () => {
  const now = Date.now();
  const ledger = new SqliteLedger({ path });
  await ledger.record(ledgerRow({ requestId: 'a', at: now - HOUR, cost: '0.0015', user: 'alice' }));
  await ledger.record(
    ledgerRow({
      requestId: 'b',
      at: now - 2 * HOUR,
      cost: '0.25',
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      user: 'bob',
    }),
  );
  await ledger.record(
    ledgerRow({
      requestId: 'c',
      at: now - 3 * HOUR,
      outcome: 'error',
      errorKind: 'timeout',
      cost: '0',
      user: 'alice,"admin"',
    }),
  );
  // Older than a week: outside the default window.
  await ledger.record(ledgerRow({ requestId: 'd', at: now - 9 * 24 * HOUR, cost: '100' }));
  await ledger.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function usage(args: string[], env: Record<string, string> = {}) {
  const context = memoryContext({ env, cwd: dir });
  const code = await runCli(['usage', ...args], context);
  return { code, stdout: context.stdoutText(), stderr: context.stderrText() };
}

describe('switchyard usage', () => {
  it('tables totals per provider over the last 7 days, largest cost first, with a total', async () => {
    const { code, stdout, stderr } = await usage(['--ledger', path]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^PROVIDER\s+REQUESTS\s+ERRORS\s+CACHE HITS\s+INPUT TOKENS\s+.*COST USD$/);
    expect(lines[1]).toMatch(/^anthropic\s+1\s+0\s+0\s+1200\s+.*\$0\.250000$/);
    expect(lines[2]).toMatch(/^openai\s+2\s+1\s+0\s+2400\s+.*\$0\.001500$/);
    expect(lines[3]).toMatch(/^TOTAL\s+3\s+1\s+0\s+3600\s+.*\$0\.251500$/);
    expect(lines).toHaveLength(4);
  });

  it('prints exact JSON by model, and --since widens the window', async () => {
    const { stdout } = await usage(['--ledger', path, '--by', 'model', '--since', '30d', '--json']);
    const report = JSON.parse(stdout) as {
      by: string;
      groups: Array<{ group: string; cost: string }>;
      total: { cost: string; requests: number };
    };
    expect(report.by).toBe('model');
    expect(report.groups.map((g) => [g.group, g.cost])).toEqual([
      ['openai/gpt-4o-mini', '100.0015'],
      ['anthropic/claude-sonnet-4-5', '0.25'],
    ]);
    expect(report.total).toMatchObject({ requests: 4, cost: '100.2515' });
  });

  it('prints CSV by user with quoted cells', async () => {
    const { stdout } = await usage(['--ledger', path, '--by', 'user', '--csv']);
    expect(stdout.split('\r\n')).toEqual([
      'user,requests,errors,cache_hits,input_tokens,output_tokens,cached_input_tokens,cache_write_tokens,reasoning_tokens,cost_usd',
      'bob,1,0,0,1200,300,1024,0,0,0.25',
      'alice,1,0,0,1200,300,1024,0,0,0.0015',
      '"alice,""admin""",1,1,0,1200,300,1024,0,0,0',
      '',
    ]);
  });

  it('finds the ledger through SWITCHYARD_LEDGER, relative to the working directory', async () => {
    const { code, stdout } = await usage(['--by', 'day'], { SWITCHYARD_LEDGER: 'ledger.db' });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^DAY\s+REQUESTS/);
  });

  it('reads the ledger path from the config file', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'switchyard-usage-config-'));
    writeFileSync(join(configDir, 'switchyard.yaml'), `ledger:\n  path: ${JSON.stringify(path)}\n`);
    const context = memoryContext({ cwd: configDir });
    expect(await runCli(['usage', '--by', 'task'], context)).toBe(0);
    expect(context.stdoutText()).toMatch(/^TASK\s+REQUESTS/);
    rmSync(configDir, { recursive: true, force: true });
  });

  it('says where it looked when there is no ledger, and rejects a bad --since', async () => {
    const missing = await usage([]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`no ledger at ${join(dir, '.switchyard', 'ledger.db')}`);
    const bad = await usage(['--ledger', path, '--since', 'last week']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--since 'last week' is not a span such as 30m");
  });

  it('refuses an unknown grouping', async () => {
    const { code, stderr } = await usage(['--ledger', path, '--by', 'color']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('color');
  });
});
