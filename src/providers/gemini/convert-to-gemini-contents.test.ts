import { describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../../core/errors/switchyard-error.js';
import type { Message } from '../../core/types/messages.js';
import { convertToGeminiContents } from './convert-to-gemini-contents.js';

const SIG = 'CiQBVKhc7n3GRkl1uEvMmtAaHmwVQmRV0gChGdLQ06Qz';

function unsupported(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (isSwitchyardError(error) && error.kind === 'unsupported') return error.feature;
    throw error;
  }
  return undefined;
}

describe('convertToGeminiContents', () => {
  it('puts system text in systemInstruction and maps roles to user/model', () => {
    const { contents, systemInstruction } = convertToGeminiContents([
      { role: 'system', content: 'You are terse.' },
      { role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Bonjour' },
      { role: 'user', content: 'Weather?' },
    ]);
    expect(systemInstruction).toEqual({ parts: [{ text: 'You are terse.' }, { text: 'Answer in French.' }] });
    expect(contents).toEqual([
      { role: 'user', parts: [{ text: 'Hi' }] },
      { role: 'model', parts: [{ text: 'Bonjour' }] },
      { role: 'user', parts: [{ text: 'Weather?' }] },
    ]);
  });

  it('round-trips thought signatures and answers parallel calls in one user turn, names looked up by id', () => {
    const messages: Message[] = [
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Two cities, two calls.' },
          { type: 'tool-call', id: 'call_0', name: 'get_weather', input: { city: 'Paris' }, signature: SIG },
          { type: 'tool-call', id: 'call_1', name: 'get_weather', input: { city: 'Rome' } },
        ],
      },
      { role: 'tool', toolCallId: 'call_0', content: '{"temp_c":18}' },
      { role: 'tool', toolCallId: 'call_1', toolName: 'get_weather', content: 'sunny' },
    ];
    const { contents } = convertToGeminiContents(messages);
    expect(contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
      {
        role: 'model',
        parts: [
          { text: 'Two cities, two calls.', thought: true },
          { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: SIG },
          { functionCall: { name: 'get_weather', args: { city: 'Rome' } } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_weather', response: { temp_c: 18 } } },
          { functionResponse: { name: 'get_weather', response: { result: 'sunny' } } },
        ],
      },
    ]);
  });

  it('sends a signature-only reasoning part back as the bare signed part it came from', () => {
    const { contents } = convertToGeminiContents([
      { role: 'user', content: 'q' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'a' },
          { type: 'reasoning', text: '', signature: SIG },
        ],
      },
    ]);
    expect(contents[1]?.parts).toEqual([{ text: 'a' }, { text: '', thoughtSignature: SIG }]);
  });

  it('marks failed tool results as errors and wraps non-object results', () => {
    const { contents } = convertToGeminiContents([
      { role: 'tool', toolCallId: 'x', toolName: 'lookup', content: 'boom', isError: true },
      { role: 'tool', toolCallId: 'y', toolName: 'count', content: '[1,2]' },
    ]);
    expect(contents[0]?.parts).toEqual([
      { functionResponse: { name: 'lookup', response: { error: 'boom' } } },
      { functionResponse: { name: 'count', response: { result: [1, 2] } } },
    ]);
  });

  it('refuses a tool result whose function name cannot be known', () => {
    expect(
      unsupported(() => convertToGeminiContents([{ role: 'tool', toolCallId: 'nope', content: 'x' }])),
    ).toBe('tool results without a tool name');
  });

  it('sends images inline (data or data: URL) and Google file URIs as fileData', () => {
    const { contents } = convertToGeminiContents([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
          { type: 'image', url: 'data:image/jpeg;base64,/9j/4AAQ' },
          { type: 'image', url: 'gs://bucket/cat.webp', mediaType: 'image/webp' },
          { type: 'image', url: 'https://generativelanguage.googleapis.com/v1beta/files/abc123' },
        ],
      },
    ]);
    expect(contents[0]?.parts).toEqual([
      { text: 'What is this?' },
      { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
      { inlineData: { mimeType: 'image/jpeg', data: '/9j/4AAQ' } },
      { fileData: { fileUri: 'gs://bucket/cat.webp', mimeType: 'image/webp' } },
      { fileData: { fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/abc123' } },
    ]);
  });

  it('refuses web image URLs it would have to fetch, naming the feature', () => {
    const messages: Message[] = [
      { role: 'user', content: [{ type: 'image', url: 'https://example.com/cat.png' }] },
    ];
    expect(unsupported(() => convertToGeminiContents(messages))).toBe('image URLs');
  });
});
