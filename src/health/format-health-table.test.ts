import { describe, expect, it } from 'vitest';
import { breakerCell, formatHealthTable } from './format-health-table.js';

describe('formatHealthTable', () => {
  it('aligns one provider per line and names required providers that are down', () => {
    const text = formatHealthTable({
      status: 'down',
      requiredDown: ['anthropic'],
      exitCode: 1,
      providers: [
        {
          provider: 'anthropic',
          status: 'down',
          reason: 'not configured: no API key: set ANTHROPIC_API_KEY',
          required: true,
          circuits: [],
          recent: { calls: 0, failures: 0 },
        },
        {
          provider: 'openai',
          status: 'healthy',
          reason: 'health check passed in 84 ms',
          required: false,
          check: {
            provider: 'openai',
            status: 'healthy',
            latencyMs: 84,
            checkedAt: '2026-11-21T00:00:00.000Z',
          },
          circuits: [
            { deploymentId: 'openai/gpt-4o', status: 'open' },
            { deploymentId: 'openai/gpt-4o-mini', status: 'closed' },
            { deploymentId: 'openai/gpt-4.1', status: 'closed' },
          ],
          recent: { calls: 0, failures: 0 },
        },
      ],
    });
    expect(text).toBe(
      [
        'PROVIDER   STATUS   REQUIRED  LATENCY  BREAKER           REASON',
        'anthropic  down     yes                -                 not configured: no API key: set ANTHROPIC_API_KEY',
        'openai     healthy            84 ms    1 open, 2 closed  health check passed in 84 ms',
        '',
        'overall: down; required provider(s) down: anthropic',
        '',
      ].join('\n'),
    );
  });

  it('says closed (or open) when every circuit agrees', () => {
    expect(breakerCell([{ deploymentId: 'a/x', status: 'closed' }])).toBe('closed');
    expect(
      breakerCell([
        { deploymentId: 'a/x', status: 'open' },
        { deploymentId: 'a/y', status: 'open' },
      ]),
    ).toBe('open');
    expect(
      breakerCell([
        { deploymentId: 'a/x', status: 'half-open' },
        { deploymentId: 'a/y', status: 'open' },
      ]),
    ).toBe('1 open, 1 half-open');
  });
});
