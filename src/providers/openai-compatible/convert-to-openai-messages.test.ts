import { describe, expect, it } from 'vitest';
import type { Message } from '../../core/types/messages.js';
import { convertToOpenAIMessages } from './convert-to-openai-messages.js';

const options = { provider: 'openai', features: { vision: true } };

describe('convertToOpenAIMessages', () => {
  it('converts a full tool-using conversation to the wire shape', () => {
    const messages: Message[] = [
      { role: 'system', content: 'You are terse.' },
      {
        role: 'user',
        name: 'ada',
        content: [
          { type: 'text', text: 'Weather in Paris?' },
          { type: 'image', url: 'https://example.test/sky.png', detail: 'low' },
          { type: 'image', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
        ],
      },
      {
        role: 'assistant',
        content: [{ type: 'tool-call', id: 'call_a1', name: 'get_weather', input: { city: 'Paris' } }],
      },
      { role: 'tool', toolCallId: 'call_a1', toolName: 'get_weather', content: '{"temp_c":18}' },
      { role: 'assistant', content: 'It is 18 °C.' },
    ];
    expect(convertToOpenAIMessages(messages, options)).toEqual([
      { role: 'system', content: 'You are terse.' },
      {
        role: 'user',
        name: 'ada',
        content: [
          { type: 'text', text: 'Weather in Paris?' },
          { type: 'image_url', image_url: { url: 'https://example.test/sky.png', detail: 'low' } },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        ],
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_a1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a1', content: '{"temp_c":18}' },
      { role: 'assistant', content: 'It is 18 °C.' },
    ]);
  });

  it('keeps text-only parts as a plain string and joins system parts', () => {
    const wire = convertToOpenAIMessages(
      [
        {
          role: 'system',
          content: [
            { type: 'text', text: 'a' },
            { type: 'text', text: 'b' },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hi ' },
            { type: 'text', text: 'there' },
          ],
        },
      ],
      options,
    );
    expect(wire).toEqual([
      { role: 'system', content: 'ab' },
      { role: 'user', content: 'hi there' },
    ]);
  });

  it('sends reasoning back only where the provider wants it (DeepSeek)', () => {
    const messages: Message[] = [
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Think.' },
          { type: 'text', text: 'Done.' },
        ],
      },
    ];
    expect(convertToOpenAIMessages(messages, options)).toEqual([{ role: 'assistant', content: 'Done.' }]);
    expect(convertToOpenAIMessages(messages, { ...options, reasoningInHistory: true })).toEqual([
      { role: 'assistant', content: 'Done.', reasoning_content: 'Think.' },
    ]);
  });

  it('refuses images where the provider has no vision, and in tool results', () => {
    const image: Message = { role: 'user', content: [{ type: 'image', url: 'https://x.test/a.png' }] };
    expect(() =>
      convertToOpenAIMessages([image], { provider: 'deepseek', features: { vision: false } }),
    ).toThrow(expect.objectContaining({ kind: 'unsupported', feature: 'vision' }));
    const toolImage: Message = {
      role: 'tool',
      toolCallId: 'c1',
      content: [{ type: 'image', url: 'https://x.test/a.png' }],
    };
    expect(() => convertToOpenAIMessages([toolImage], options)).toThrow(/images in tool results/);
    const noSource: Message = { role: 'user', content: [{ type: 'image', data: 'abc' }] };
    expect(() => convertToOpenAIMessages([noSource], options)).toThrow(/image without url/);
  });
});
