import { describe, expect, it, vi } from 'vitest';
import type { Ledger } from '../accounting/ledger/ledger.js';
import { MockProvider } from '../providers/mock/mock-provider.js';
import { Switchyard } from './switchyard.js';

/** A group-committing ledger whose every write fails, as a full disk would. */
function failingLedger(message: string): Ledger {
  return {
    groupsCommits: true,
    record: () => Promise.reject(new Error(message)),
    query: async () => [],
    totals: async () => [],
    close: async () => {},
  };
}

const hi = [{ role: 'user' as const, content: 'hi' }];
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('a ledger row that cannot be written', () => {
  it('still answers the call, and logs the failure (redacted) to the client logger', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = {
      error: (object: Record<string, unknown>) => lines.push(object),
      warn: () => {},
      info: () => {},
      debug: () => {},
    };
    const sy = new Switchyard({
      env: { OPENAI_API_KEY: 'sk-secret-in-the-message-1234' },
      customProviders: [new MockProvider({ id: 'mock' })],
      ledger: failingLedger('disk full while writing for sk-secret-in-the-message-1234'),
      logger,
    });
    const result = await sy.chat({ model: 'mock/echo', messages: hi });
    expect(result.text).toBe('You said: hi');
    await settle();
    const failure = lines.find((line) => line.event === 'ledger-write-failed');
    expect(failure?.error).toMatch(/disk full/);
    expect(JSON.stringify(lines)).not.toContain('sk-secret-in-the-message-1234');
  });

  it('without a logger, says so as a process warning', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const sy = new Switchyard({
        env: {},
        customProviders: [new MockProvider({ id: 'mock' })],
        ledger: failingLedger('disk full'),
      });
      await sy.chat({ model: 'mock/echo', messages: hi });
      await settle();
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/ledger row could not be written: Error: disk full/),
        'LedgerWarning',
      );
    } finally {
      warn.mockRestore();
    }
  });
});
