import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../core/types/chat-request.js';
import { GatewayHttpError } from '../errors/gateway-http-error.js';
import { parseRequestBody } from '../errors/parse-request-body.js';
import { anthropicMessagesRequestSchema } from './anthropic-messages-request-schema.js';
import { convertAnthropicMessagesRequest } from './convert-anthropic-messages-request.js';
import { estimateInputTokens } from './estimate-input-tokens.js';

const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/messages-request-everything.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const convert = (body: unknown) =>
  convertAnthropicMessagesRequest(parseRequestBody(anthropicMessagesRequestSchema, body));
const minimal = { model: 'mock/echo', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] };

function rejection(body: unknown): GatewayHttpError {
  try {
    convert(body);
  } catch (error) {
    if (error instanceof GatewayHttpError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('convertAnthropicMessagesRequest', () => {
  it('converts system, images, signed and redacted thinking, tool turns and every parameter', () => {
    const { request, stream } = convert(fixture);
    expect(stream).toBe(true);
    expect(request).toEqual({
      model: 'gemini/gemini-2.5-flash',
      messages: [
        { role: 'system', content: 'You are a coding assistant.\n\nAnswer briefly.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this screenshot?' },
            { type: 'image', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
            { type: 'image', url: 'https://example.com/diagram.webp' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'I should read the file first.', signature: 'EqQBCgIYAhIM' },
            { type: 'reasoning', text: '', redactedData: 'EmwKAhgBEgy3' },
            { type: 'text', text: 'Reading it.' },
            { type: 'tool-call', id: 'toolu_01A', name: 'read_file', input: { path: 'src/index.ts' } },
            { type: 'tool-call', id: 'toolu_01B', name: 'read_file', input: { path: 'README.md' } },
          ],
        },
        // One Anthropic user turn: the results first (one canonical message each), then the new text.
        { role: 'tool', toolCallId: 'toolu_01A', toolName: 'read_file', content: 'export {};' },
        {
          role: 'tool',
          toolCallId: 'toolu_01B',
          toolName: 'read_file',
          isError: true,
          content: [{ type: 'text', text: 'ENOENT' }],
        },
        { role: 'user', content: [{ type: 'text', text: 'Go on.' }] },
      ],
      tools: [
        {
          name: 'read_file',
          description: 'Read a file',
          parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
        },
      ],
      toolChoice: 'auto',
      parallelToolCalls: false,
      reasoning: { budgetTokens: 2048 },
      maxOutputTokens: 4096,
      temperature: 1,
      topP: 0.95,
      topK: 40,
      stop: ['</answer>'],
      metadata: { user: 'user-7' },
    } satisfies ChatRequest);
  });

  it('maps each tool_choice', () => {
    const choiceOf = (tool_choice: unknown) => convert({ ...minimal, tool_choice }).request.toolChoice;
    expect(choiceOf({ type: 'any' })).toBe('required');
    expect(choiceOf({ type: 'none' })).toBe('none');
    expect(choiceOf({ type: 'tool', name: 'read_file' })).toEqual({ type: 'tool', name: 'read_file' });
    expect(rejection({ ...minimal, tool_choice: { type: 'tool' } }).param).toBe('tool_choice.name');
  });

  it('rejects what it cannot carry, naming the block', () => {
    const withBlock = (block: unknown) => ({ ...minimal, messages: [{ role: 'user', content: [block] }] });
    expect(rejection(withBlock({ type: 'document', source: { type: 'text', data: 'x' } })).param).toBe(
      'messages[0].content[0].type',
    );
    expect(rejection(withBlock({ type: 'image', source: { type: 'base64', data: 'x' } })).param).toBe(
      'messages[0].content[0].source.media_type',
    );
    expect(rejection(withBlock({ type: 'tool_use', id: 'x', name: 'f', input: {} })).param).toBe(
      'messages[0].content[0].type',
    );
    expect(
      rejection({ ...minimal, tools: [{ type: 'web_search_20250305', name: 'web_search' }] }).param,
    ).toBe('tools[0].type');
    expect(rejection({ ...minimal, max_tokens: undefined }).param).toBe('max_tokens');
    expect(rejection({ ...minimal, temperature: 1.5 }).param).toBe('temperature');
  });
});

describe('estimateInputTokens', () => {
  it('counts text, images, tool calls and tool schemas', () => {
    const { request } = convert(fixture);
    const text = estimateInputTokens({ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(400) }] });
    expect(text).toBe(104);
    // Two images dominate the fixture; every part adds something.
    expect(estimateInputTokens(request)).toBeGreaterThan(3200);
    expect(estimateInputTokens({ ...request, tools: [] })).toBeLessThan(estimateInputTokens(request));
  });
});
