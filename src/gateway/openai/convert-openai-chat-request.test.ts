import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayHttpError } from '../errors/gateway-http-error.js';
import { parseRequestBody } from '../errors/parse-request-body.js';
import { convertOpenAIChatRequest, imageFromUrl } from './convert-openai-chat-request.js';
import { openAIChatRequestSchema } from './openai-chat-request-schema.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')) as unknown;

const convert = (body: unknown) => convertOpenAIChatRequest(parseRequestBody(openAIChatRequestSchema, body));
const minimal = { model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] };

function rejection(body: unknown): GatewayHttpError {
  try {
    convert(body);
  } catch (error) {
    if (error instanceof GatewayHttpError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('convertOpenAIChatRequest', () => {
  it('converts every supported field of a full request', () => {
    const { request, stream, includeUsage } = convert(fixture('chat-request-everything.json'));
    expect(stream).toBe(true);
    expect(includeUsage).toBe(true);
    expect(request).toEqual({
      model: 'anthropic/claude-sonnet-4-5',
      messages: [
        { role: 'system', content: 'You are terse.' },
        {
          role: 'user',
          name: 'ana',
          content: [
            { type: 'text', text: 'Weather in Paris? Here is a photo.' },
            { type: 'image', data: '/9j/4AAQSkZJRg==', mediaType: 'image/jpeg', detail: 'high' },
          ],
        },
        {
          role: 'assistant',
          content: [{ type: 'tool-call', id: 'call_a1', name: 'get_weather', input: { city: 'Paris' } }],
        },
        { role: 'tool', toolCallId: 'call_a1', toolName: 'get_weather', content: '{"temp_c":18}' },
        { role: 'assistant', content: '18 °C in Paris.' },
        { role: 'user', content: 'And tomorrow?' },
      ],
      tools: [
        {
          name: 'get_weather',
          description: 'Current weather for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          strict: true,
        },
        { name: 'now', parameters: { type: 'object', properties: {} } },
      ],
      toolChoice: { type: 'tool', name: 'get_weather' },
      parallelToolCalls: false,
      responseFormat: {
        type: 'json_schema',
        name: 'forecast',
        schema: { type: 'object', properties: { temp_c: { type: 'number' } }, required: ['temp_c'] },
        strict: true,
      },
      temperature: 0.3,
      topP: 0.9,
      // max_completion_tokens is the current field and wins over the deprecated max_tokens.
      maxOutputTokens: 256,
      stop: ['\n\n', 'END'],
      seed: 7,
      frequencyPenalty: 0.5,
      presencePenalty: -0.5,
      reasoning: { effort: 'low' },
      metadata: { user: 'user-42' },
      providerOptions: { openai: { store: false, service_tier: 'auto' } },
    });
  });

  it('maps json_object, a string stop and OpenAI-only effort levels', () => {
    const { request, includeUsage } = convert({
      ...minimal,
      response_format: { type: 'json_object' },
      stop: 'END',
      reasoning_effort: 'xhigh',
      stream_options: { include_usage: true },
    });
    expect(request.responseFormat).toEqual({ type: 'json' });
    expect(request.stop).toEqual(['END']);
    expect(request.reasoning).toBeUndefined();
    expect(request.providerOptions).toEqual({ openai: { reasoning_effort: 'xhigh' } });
    // include_usage only means something for a stream.
    expect(includeUsage).toBe(false);
  });

  it('keeps https image URLs as URLs and reads data URLs with parameters', () => {
    expect(imageFromUrl('https://example.com/a.png')).toEqual({
      type: 'image',
      url: 'https://example.com/a.png',
    });
    expect(imageFromUrl('data:image/webp;charset=binary;base64,UklGRg==')).toEqual({
      type: 'image',
      data: 'UklGRg==',
      mediaType: 'image/webp',
    });
  });

  it('rejects what it cannot carry instead of dropping it, naming the parameter', () => {
    expect(rejection({ ...minimal, n: 2 }).param).toBe('n');
    expect(rejection({ ...minimal, logprobs: true }).param).toBe('logprobs');
    expect(rejection({ ...minimal, functions: [{ name: 'f' }] }).param).toBe('functions');
    expect(rejection({ ...minimal, modalities: ['text', 'audio'] }).param).toBe('modalities');
    expect(rejection({ ...minimal, tools: [{ type: 'custom', custom: { name: 'x' } }] }).param).toBe(
      'tools[0].type',
    );
    expect(rejection({ ...minimal, tool_choice: { type: 'allowed_tools', allowed_tools: {} } }).param).toBe(
      'tool_choice',
    );
    const badArguments = rejection({
      model: 'mock/echo',
      messages: [
        {
          role: 'assistant',
          tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{oops' } }],
        },
      ],
    });
    expect(badArguments.param).toBe('messages[0].tool_calls[0].function.arguments');
    expect(rejection({ model: 'm', messages: [{ role: 'function', name: 'f', content: 'x' }] }).param).toBe(
      'messages[0].role',
    );
  });

  it('validates types and ranges with the field path', () => {
    expect(rejection({ ...minimal, temperature: 3 }).param).toBe('temperature');
    expect(rejection({ ...minimal, messages: [] }).param).toBe('messages');
    expect(rejection({ ...minimal, messages: [{ role: 'robot', content: 'x' }] }).param).toBe(
      'messages[0].role',
    );
    expect(rejection([minimal]).message).toMatch(/JSON object/);
  });
});
