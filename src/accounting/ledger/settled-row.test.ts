import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { type ChatResult, makeUsage } from '../../core/types/chat-result.js';
import { Money } from '../money.js';
import { rowForFailure, rowForResult } from './settled-row.js';

const context = { requestId: 'sy-1', user: 'alice', task: 'triage', route: 'smart', at: 1_750_000_000_000 };
const result: ChatResult = {
  id: 'msg_1',
  provider: 'anthropic',
  model: 'claude-haiku-4-5',
  text: 'ok',
  toolCalls: [],
  reasoning: '',
  finishReason: 'stop',
  rawFinishReason: 'end_turn',
  usage: makeUsage({ inputTokens: 2100, outputTokens: 40, cachedInputTokens: 2000, cacheWriteTokens: 50 }),
  latencyMs: 530,
  timeToFirstTokenMs: 210,
  warnings: [],
  attempts: [
    {
      deploymentId: 'a/h',
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      outcome: 'ok',
      latencyMs: 530,
      retries: 0,
    },
  ],
};

describe('rowForResult', () => {
  it('copies who, what, tokens, cost and timings', () => {
    expect(rowForResult(context, result, { total: Money.parse('0.00047') })).toEqual({
      at: 1_750_000_000_000,
      requestId: 'sy-1',
      user: 'alice',
      task: 'triage',
      route: 'smart',
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      attempts: result.attempts,
      inputTokens: 2100,
      outputTokens: 40,
      cachedInputTokens: 2000,
      cacheWriteTokens: 50,
      reasoningTokens: 0,
      cost: '0.00047',
      latencyMs: 530,
      timeToFirstTokenMs: 210,
      outcome: 'ok',
      cacheHit: false,
    });
  });

  it('charges nothing for a cache hit', () => {
    const row = rowForResult(context, result, { total: '0.00047', estimated: true }, { cacheHit: true });
    expect(row).toMatchObject({ cost: '0', cacheHit: true });
    expect(row).not.toHaveProperty('costEstimated');
  });
});

describe('rowForFailure', () => {
  it('takes the kind and the last provider tried from the error', () => {
    const error = new SwitchyardError({
      kind: 'all_candidates_failed',
      message: 'every candidate failed',
      attempts: [
        {
          deploymentId: 'o/m',
          provider: 'openai',
          model: 'gpt-4o',
          outcome: 'error',
          errorKind: 'rate_limited',
          latencyMs: 90,
          retries: 2,
        },
        {
          deploymentId: 'a/h',
          provider: 'anthropic',
          model: 'claude-haiku-4-5',
          outcome: 'error',
          errorKind: 'overloaded',
          latencyMs: 70,
          retries: 2,
        },
        {
          deploymentId: 'g/f',
          provider: 'gemini',
          model: 'gemini-2.5-flash',
          outcome: 'skipped',
          errorKind: 'circuit_open',
          latencyMs: 0,
          retries: 0,
        },
      ],
    });
    expect(rowForFailure(context, error, { latencyMs: 160 })).toMatchObject({
      outcome: 'error',
      errorKind: 'all_candidates_failed',
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      cost: '0',
      inputTokens: 0,
      attempts: error.attempts,
    });
  });

  it('marks an aborted stream with its estimated usage and cost', () => {
    const error = new SwitchyardError({
      kind: 'aborted',
      provider: 'openai',
      message: 'stream was not consumed to the end',
    });
    const row = rowForFailure({ ...context, stream: true }, error, {
      latencyMs: 900,
      usage: { ...makeUsage({ inputTokens: 10, outputTokens: 7 }), estimated: true },
      cost: { total: '0.0000123', estimated: true },
      model: 'gpt-4o-mini',
      timeToFirstTokenMs: 300,
    });
    expect(row).toMatchObject({
      outcome: 'aborted',
      errorKind: 'aborted',
      provider: 'openai',
      model: 'gpt-4o-mini',
      stream: true,
      tokensEstimated: true,
      costEstimated: true,
      cost: '0.0000123',
      outputTokens: 7,
      timeToFirstTokenMs: 300,
    });
  });
});
