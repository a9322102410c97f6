import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerRow } from '../../accounting/ledger/ledger-test-rows.js';
import { SqliteLedger } from '../../accounting/ledger/sqlite-ledger.js';
import type { CallStats } from '../../analytics/call-stats.js';
import { memoryContext } from '../memory-context.js';
import { runCli } from '../run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-stats-'));
const path = join(dir, 'ledger.db');

beforeAll(async () => {
  const now = Date.now();
  const ledger = new SqliteLedger({ path });
  const latencies = [100, 200, 300, 400];
  for (const [i, latencyMs] of latencies.entries())
    await ledger.record(
      ledgerRow({ requestId: `ok-${i}`, at: now - 1000, latencyMs, outputTokens: 100, cost: '0.01' }),
    );
  await ledger.record(
    ledgerRow({ requestId: 'hit', at: now - 1000, cacheHit: true, latencyMs: 1, cost: '0' }),
  );
  await ledger.record(
    ledgerRow({ requestId: 'err', at: now - 1000, outcome: 'error', errorKind: 'rate_limited', cost: '0' }),
  );
  await ledger.record(ledgerRow({ requestId: 'old', at: now - 3 * 86_400_000, cost: '9' }));
  await ledger.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function stats(args: string[]) {
  const context = memoryContext({ cwd: dir });
  const code = await runCli(['stats', '--ledger', path, ...args], context);
  return { code, stdout: context.stdoutText(), stderr: context.stderrText() };
}

describe('switchyard stats', () => {
  it('tables each model over the last day: rates, percentiles, speed, cost and errors', async () => {
    const { code, stdout, stderr } = await stats([]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const [header, line, ...rest] = stdout.trimEnd().split('\n');
    expect(header).toMatch(
      /^PROVIDER\/MODEL\s+REQS\s+ERR\s+FALLBACK\s+CACHE\s+P50 MS\s+P95 MS\s+P99 MS\s+TTFT P50\s+TOK\/S\s+COST\s+ERRORS$/,
    );
    // 6 calls: 1 error, 1 cache hit; 100 tokens in 100-400 ms: 1000, 500, 333.3 and 250 tok/s, median 333.3.
    expect(line).toMatch(
      /^openai\/gpt-4o-mini\s+6\s+16\.7%\s+0\.0%\s+16\.7%\s+200\s+400\s+400\s+-\s+333\.3\s+\$0\.040000\s+rate_limited:1$/,
    );
    expect(rest).toEqual([]);
  });

  it('prints per-provider JSON, and --since all takes older rows in', async () => {
    const { stdout } = await stats(['--since', 'all', '--json']);
    const report = JSON.parse(stdout) as { providers: CallStats[]; models: CallStats[] };
    expect(report.providers).toHaveLength(1);
    expect(report.providers[0]).toMatchObject({ provider: 'openai', requests: 7, cost: '9.04' });
    const table = await stats(['--by-provider']);
    expect(table.stdout.split('\n')[1]).toMatch(/^openai\s+6\s/);
  });
});
