import { describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../../core/errors/switchyard-error.js';
import type { Message } from '../../core/types/messages.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';

const convert = (messages: Message[]) => convertToAnthropicMessages('anthropic', messages);

describe('convertToAnthropicMessages', () => {
  it('hoists every system message into one top-level system prompt', () => {
    const prompt = convert([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Hi' },
      { role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
    ]);
    expect(prompt.system).toBe('You are terse.\n\nAnswer in French.');
    expect(prompt.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
  });

  it('merges consecutive user turns and skips empty text blocks', () => {
    const prompt = convert([
      { role: 'user', content: 'one' },
      {
        role: 'user',
        content: [
          { type: 'text', text: '' },
          { type: 'text', text: 'two' },
        ],
      },
    ]);
    expect(prompt.system).toBeUndefined();
    expect(prompt.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'one' },
          { type: 'text', text: 'two' },
        ],
      },
    ]);
  });

  it('turns a tool loop into tool_use blocks and one user turn of tool_result blocks first', () => {
    const prompt = convert([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool-call', id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool-call', id: 'toolu_01B', name: 'get_weather', input: '{"city":"Rome"}' },
        ],
      },
      { role: 'tool', toolCallId: 'toolu_01A', content: '{"temp_c":18}' },
      { role: 'user', content: 'Also, be brief.' },
      { role: 'tool', toolCallId: 'toolu_01B', content: 'station offline', isError: true },
    ]);
    expect(prompt.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_01B', name: 'get_weather', input: { city: 'Rome' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_01A', content: '{"temp_c":18}' },
          { type: 'tool_result', tool_use_id: 'toolu_01B', content: 'station offline', is_error: true },
          { type: 'text', text: 'Also, be brief.' },
        ],
      },
    ]);
  });

  it('converts images: base64 data, data: URLs and http URLs, also inside tool results', () => {
    const prompt = convert([
      {
        role: 'user',
        content: [
          { type: 'image', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
          { type: 'image', url: 'data:image/jpeg;base64,/9j/4AAQSkZJRg==' },
          { type: 'image', url: 'https://example.com/cat.webp' },
          { type: 'text', text: 'What is shown?' },
        ],
      },
      {
        role: 'tool',
        toolCallId: 'toolu_1',
        content: [
          { type: 'text', text: 'screenshot:' },
          { type: 'image', data: 'R0lGODlh', mediaType: 'image/gif' },
        ],
      },
    ]);
    expect(prompt.messages[0]!.content).toEqual([
      {
        type: 'tool_result',
        tool_use_id: 'toolu_1',
        content: [
          { type: 'text', text: 'screenshot:' },
          { type: 'image', source: { type: 'base64', media_type: 'image/gif', data: 'R0lGODlh' } },
        ],
      },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQSkZJRg==' } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/cat.webp' } },
      { type: 'text', text: 'What is shown?' },
    ]);
  });

  it('refuses image types the API does not accept', () => {
    try {
      convert([{ role: 'user', content: [{ type: 'image', data: 'AAAA', mediaType: 'image/tiff' }] }]);
      expect.unreachable();
    } catch (error) {
      expect(isSwitchyardError(error) && error.kind).toBe('unsupported');
      expect((error as Error).message).toContain('image/tiff');
    }
  });

  it('sends thinking back with its signature and redacted thinking as data', () => {
    const prompt = convert([
      { role: 'user', content: 'Divide 925 by 5' },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: '925 ÷ 5 = 185', signature: 'EqQBCgIYAhIM' },
          { type: 'reasoning', text: '', redactedData: 'EmwKAhgBEgy3' },
          { type: 'tool-call', id: 'toolu_1', name: 'calc', input: { a: 925, b: 5 } },
        ],
      },
    ]);
    expect(prompt.messages[1]!.content).toEqual([
      { type: 'thinking', thinking: '925 ÷ 5 = 185', signature: 'EqQBCgIYAhIM' },
      { type: 'redacted_thinking', data: 'EmwKAhgBEgy3' },
      { type: 'tool_use', id: 'toolu_1', name: 'calc', input: { a: 925, b: 5 } },
    ]);
    expect(prompt.warnings).toEqual([]);
  });

  it('warns instead of sending reasoning that has no signature, and about names', () => {
    const prompt = convert([
      { role: 'user', content: 'hi', name: 'ann' },
      { role: 'assistant', content: [{ type: 'reasoning', text: 'from another provider' }] },
    ]);
    // The assistant turn is left empty, so it goes: the API rejects empty turns.
    expect(prompt.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
    expect(prompt.warnings.map((w) => w.setting)).toEqual(['name', 'reasoning']);
  });
});
