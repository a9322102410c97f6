import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { makeUsage } from '../../core/types/chat-result.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import { AnthropicEventEncoder } from './anthropic-event-encoder.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const toolEvents = JSON.parse(read('../__fixtures__/parallel-tool-calls.events.json')) as StreamEvent[];
const usage = toolEvents.find((e) => e.type === 'usage')!;

/** Data payloads of Anthropic SSE frames, checking each `event:` name equals its data `type`. */
function payloads(frames: string[]): string[] {
  return frames
    .join('')
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => {
      const match = /^event: (\S+)\ndata: (.*)$/s.exec(frame);
      expect(match).not.toBeNull();
      expect(JSON.parse(match![2]!).type).toBe(match![1]);
      return match![2]!;
    });
}

const encodeAll = (events: StreamEvent[]) => {
  const encoder = new AnthropicEventEncoder({ model: 'openai/gpt-4o-mini' });
  return payloads(events.flatMap((event) => encoder.encode(event)));
};

describe('AnthropicEventEncoder', () => {
  it('encodes thinking with its signature, text and interleaved tool calls as sequential blocks', () => {
    const events: StreamEvent[] = [
      { type: 'start', id: 'msg_01XF', model: 'gpt-4o-mini', provider: 'openai', warnings: [] },
      usage,
      { type: 'reasoning-delta', text: 'User wants weather; call tool.' },
      { type: 'reasoning-delta', text: '', signature: 'EqQBCgIYAhIM' },
      ...toolEvents.slice(1),
    ];
    const expected = read('./__fixtures__/thinking-text-parallel-tools.chunks.txt').trim().split('\n');
    expect(encodeAll(events)).toEqual(expected);
  });

  it('numbers blocks 0, 1, ... and closes each before the next opens', () => {
    const out = encodeAll(toolEvents).map((line) => JSON.parse(line));
    const opened: number[] = [];
    let open: number | undefined;
    for (const event of out) {
      if (event.type === 'content_block_start') {
        expect(open).toBeUndefined();
        open = event.index;
        opened.push(event.index);
      } else if (event.type === 'content_block_delta') expect(event.index).toBe(open);
      else if (event.type === 'content_block_stop') {
        expect(event.index).toBe(open);
        open = undefined;
      }
    }
    expect(opened).toEqual([0, 1, 2]);
  });

  it('holds text that arrives while a tool block is open until the block closes', () => {
    const out = encodeAll([
      { type: 'tool-call-delta', index: 0, id: 't1', name: 'f', argumentsDelta: '{"a"' },
      { type: 'text-delta', text: 'late text' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: ':1}' },
      {
        type: 'tool-call',
        index: 0,
        toolCall: { id: 't1', name: 'f', arguments: '{"a":1}', input: { a: 1 } },
      },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', usage: makeUsage({}) },
    ]).map((line) => JSON.parse(line));
    const labels = out.map((e) =>
      e.type === 'content_block_start'
        ? `start:${e.content_block.type}`
        : e.type === 'content_block_delta'
          ? e.delta.type
          : e.type,
    );
    expect(labels).toEqual([
      'message_start',
      'start:tool_use',
      'input_json_delta',
      'input_json_delta',
      'content_block_stop',
      'start:text',
      'text_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(out.at(-2)).toMatchObject({ type: 'message_delta', delta: { stop_reason: 'end_turn' } });
  });

  it('keeps stop_sequence and maps length, content filter and pause_turn', () => {
    const stopOf = (finishReason: 'stop' | 'length' | 'content_filter' | 'other', raw: string) =>
      JSON.parse(
        encodeAll([{ type: 'finish', finishReason, rawFinishReason: raw, usage: makeUsage({}) }]).at(-2)!,
      ).delta.stop_reason;
    expect(stopOf('stop', 'stop_sequence')).toBe('stop_sequence');
    expect(stopOf('length', 'length')).toBe('max_tokens');
    expect(stopOf('content_filter', 'SAFETY')).toBe('refusal');
    expect(stopOf('other', 'pause_turn')).toBe('pause_turn');
  });

  it('ends a failed stream with an error event and nothing after it', () => {
    const encoder = new AnthropicEventEncoder({ model: 'm' });
    encoder.encode({ type: 'text-delta', text: 'partial' });
    const error = new SwitchyardError({ kind: 'network', message: 'openai: connection dropped mid-stream' });
    const out = payloads(encoder.encode({ type: 'error', error }));
    expect(out.map((line) => JSON.parse(line))).toEqual([
      { type: 'error', error: { type: 'api_error', message: 'openai: connection dropped mid-stream' } },
    ]);
  });
});
