import { describe, expect, it } from 'vitest';
import { convertToCohereMessages } from './convert-to-cohere-messages.js';

describe('convertToCohereMessages', () => {
  it('converts a tool round trip: stringified arguments, tool_call_id, document content', () => {
    expect(
      convertToCohereMessages('cohere', [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Use the tool.' },
            { type: 'tool-call', id: 'get_weather_1', name: 'get_weather', input: { city: 'Paris' } },
          ],
        },
        { role: 'tool', toolCallId: 'get_weather_1', content: '{"temp_c":18,"sky":"clear"}' },
        { role: 'tool', toolCallId: 'get_weather_2', content: 'sunny' },
        { role: 'assistant', content: 'It is 18 °C.' },
      ]),
    ).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: [{ type: 'thinking', thinking: 'Use the tool.' }],
        tool_calls: [
          {
            id: 'get_weather_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      {
        role: 'tool',
        tool_call_id: 'get_weather_1',
        content: [{ type: 'document', document: { data: { temp_c: 18, sky: 'clear' } } }],
      },
      {
        role: 'tool',
        tool_call_id: 'get_weather_2',
        content: [{ type: 'document', document: { data: { result: 'sunny' } } }],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'It is 18 °C.' }] },
    ]);
  });

  it('sends images as image_url parts, base64 as data URLs', () => {
    const [message] = convertToCohereMessages('cohere', [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare' },
          { type: 'image', url: 'https://example.com/a.png' },
          { type: 'image', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
        ],
      },
    ]);
    expect(message).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Compare' },
        { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
      ],
    });
  });

  it('refuses images in tool results', () => {
    expect(() =>
      convertToCohereMessages('cohere', [
        { role: 'tool', toolCallId: 'c', content: [{ type: 'image', url: 'https://example.com/a.png' }] },
      ]),
    ).toThrow(expect.objectContaining({ kind: 'unsupported', feature: 'images in tool results' }));
  });
});
