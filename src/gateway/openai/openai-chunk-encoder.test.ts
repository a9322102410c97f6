import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { makeUsage } from '../../core/types/chat-result.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import { OpenAIChunkEncoder } from './openai-chunk-encoder.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const events = JSON.parse(read('../__fixtures__/parallel-tool-calls.events.json')) as StreamEvent[];

/** The data payloads of SSE frames, one per entry, as the `.chunks.txt` fixtures hold them. */
function payloads(frames: string[]): string[] {
  return frames
    .join('')
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => {
      expect(frame.startsWith('data: ')).toBe(true);
      return frame.slice('data: '.length);
    });
}

const encoder = (includeUsage = true) =>
  new OpenAIChunkEncoder({ model: 'anthropic/claude-sonnet-4-5', created: 1735689600, includeUsage });

describe('OpenAIChunkEncoder', () => {
  it('encodes text and interleaved parallel tool calls exactly like OpenAI streams them', () => {
    const enc = encoder();
    const expected = read('./__fixtures__/parallel-tool-calls.chunks.txt').trim().split('\n');
    expect(payloads(events.flatMap((event) => enc.encode(event)))).toEqual(expected);
  });

  it('sends no usage chunk and no usage fields unless asked', () => {
    const enc = encoder(false);
    const out = payloads(events.flatMap((event) => enc.encode(event)));
    expect(out.at(-1)).toBe('[DONE]');
    const finish = JSON.parse(out.at(-2)!);
    expect(finish.choices[0].finish_reason).toBe('tool_calls');
    expect(out.some((line) => line.includes('"usage"'))).toBe(false);
  });

  it('sends a whole call when the upstream gives no deltas, and completes normalised arguments', () => {
    const enc = encoder(false);
    const frames = [
      ...enc.encode({ type: 'start', id: 'x', model: 'm', provider: 'p', warnings: [] }),
      ...enc.encode({
        type: 'tool-call',
        index: 0,
        toolCall: { id: 'c1', name: 'now', arguments: '{}', input: {} },
      }),
      ...enc.encode({ type: 'tool-call-delta', index: 1, id: 'c2', name: 'f', argumentsDelta: '' }),
      ...enc.encode({
        type: 'tool-call',
        index: 1,
        toolCall: { id: 'c2', name: 'f', arguments: '{}', input: {} },
      }),
    ];
    const toolDeltas = payloads(frames)
      .slice(1)
      .map((line) => JSON.parse(line).choices[0].delta.tool_calls[0]);
    expect(toolDeltas).toEqual([
      { index: 0, id: 'c1', type: 'function', function: { name: 'now', arguments: '' } },
      { index: 0, function: { arguments: '{}' } },
      { index: 1, id: 'c2', type: 'function', function: { name: 'f', arguments: '' } },
      { index: 1, function: { arguments: '{}' } },
    ]);
  });

  it('carries reasoning as reasoning_content deltas and maps odd finishes to stop', () => {
    const enc = encoder(false);
    const usage = makeUsage({ inputTokens: 1, outputTokens: 1 });
    const out = payloads([
      ...enc.encode({ type: 'reasoning-delta', text: 'hmm' }),
      ...enc.encode({ type: 'finish', finishReason: 'other', rawFinishReason: 'pause_turn', usage }),
    ]).map((line) => (line === '[DONE]' ? line : JSON.parse(line)));
    expect(out[0].choices[0].delta).toEqual({ reasoning_content: 'hmm' });
    expect(out[1].choices[0].finish_reason).toBe('stop');
  });

  it('ends a failed stream with a data error frame and no [DONE]', () => {
    const error = new SwitchyardError({
      kind: 'overloaded',
      provider: 'anthropic',
      message: 'anthropic: Overloaded',
    });
    const out = payloads(encoder().encode({ type: 'error', error }));
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0]!)).toEqual({
      error: {
        message: 'anthropic: Overloaded',
        type: 'server_error',
        param: null,
        code: 'server_is_overloaded',
      },
    });
  });
});
