import { describe, expect, it } from 'vitest';
import type { Warning } from '../types/chat-result.js';
import { ToolCallAssembler } from './tool-call-assembler.js';

describe('ToolCallAssembler', () => {
  it('assembles interleaved fragments of parallel calls by index', () => {
    const assembler = new ToolCallAssembler();
    assembler.append(0, { id: 'call_a', name: 'weather', argumentsDelta: '' });
    assembler.append(1, { id: 'call_b', name: 'time', argumentsDelta: '{"tz":' });
    assembler.append(0, { argumentsDelta: '{"city":"Par' });
    assembler.append(1, { argumentsDelta: '"UTC"}' });
    assembler.append(0, { argumentsDelta: 'is"}' });
    const calls = assembler.completeAll();
    expect(calls.map((c) => c.toolCall)).toEqual([
      { id: 'call_a', name: 'weather', arguments: '{"city":"Paris"}', input: { city: 'Paris' } },
      { id: 'call_b', name: 'time', arguments: '{"tz":"UTC"}', input: { tz: 'UTC' } },
    ]);
    expect(assembler.size).toBe(0);
  });

  it('treats empty arguments as {} and warns on invalid JSON', () => {
    const warnings: Warning[] = [];
    const assembler = new ToolCallAssembler();
    assembler.append(0, { id: 'a', name: 'noargs' });
    assembler.append(1, { id: 'b', name: 'broken', argumentsDelta: '{"x":' });
    const [first, second] = assembler.completeAll(warnings);
    expect(first!.toolCall.input).toEqual({});
    expect(second!.toolCall.input).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.type).toBe('invalid-tool-arguments');
  });
});
