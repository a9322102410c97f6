import { describe, expect, it } from 'vitest';
import { convertToOllamaMessages } from './convert-to-ollama-messages.js';

describe('convertToOllamaMessages', () => {
  it('converts a whole tool round trip with object arguments and tool_name', () => {
    const messages = convertToOllamaMessages('ollama', [
      { role: 'system', content: [{ type: 'text', text: 'You are terse.' }] },
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Need the tool.' },
          { type: 'text', text: 'Checking.' },
          { type: 'tool-call', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
        ],
      },
      { role: 'tool', toolCallId: 'call_1', content: '{"temp_c":18}' },
    ]);
    expect(messages).toEqual([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: 'Checking.',
        thinking: 'Need the tool.',
        tool_calls: [{ id: 'call_1', function: { name: 'get_weather', arguments: { city: 'Paris' } } }],
      },
      { role: 'tool', content: '{"temp_c":18}', tool_name: 'get_weather', tool_call_id: 'call_1' },
    ]);
  });

  it('sends images as bare base64, unwrapping data URLs', () => {
    const [message] = convertToOllamaMessages('ollama', [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in these?' },
          { type: 'image', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
          { type: 'image', url: 'data:image/jpeg;base64,/9j/4AAQ' },
        ],
      },
    ]);
    expect(message).toEqual({
      role: 'user',
      content: 'What is in these?',
      images: ['iVBORw0KGgo=', '/9j/4AAQ'],
    });
  });

  it('refuses remote image URLs, naming the feature', () => {
    expect(() =>
      convertToOllamaMessages('ollama', [
        { role: 'user', content: [{ type: 'image', url: 'https://example.com/cat.png' }] },
      ]),
    ).toThrow(expect.objectContaining({ kind: 'unsupported', feature: 'image URLs' }));
  });

  it('keeps an explicit tool name and wraps non-object arguments', () => {
    const messages = convertToOllamaMessages('ollama', [
      { role: 'assistant', content: [{ type: 'tool-call', id: 'c', name: 'echo', input: 'raw' }] },
      { role: 'tool', toolCallId: 'c', toolName: 'echo_v2', content: 'raw' },
    ]);
    expect(messages[0]!.tool_calls![0]!.function.arguments).toEqual({ value: 'raw' });
    expect(messages[1]!.tool_name).toBe('echo_v2');
  });
});
