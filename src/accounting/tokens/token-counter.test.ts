import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { countChatTokens } from './count-chat-tokens.js';
import { encodingForModel, tokenCounterFor } from './token-counter.js';

const require = createRequire(import.meta.url);

describe('tokenCounterFor', () => {
  it("counts exactly with OpenAI's encoding for OpenAI models", () => {
    const counter = tokenCounterFor('openai', 'gpt-4o');
    expect(counter).toMatchObject({ encoding: 'o200k_base', factor: 1, exact: true });
    expect(counter.count('Hello, world! How are you?')).toBe(8);
    expect(counter.count('')).toBe(0);
  });

  it('picks cl100k for GPT-4, GPT-3.5 and the text-embedding models', () => {
    expect(encodingForModel('gpt-4')).toBe('cl100k_base');
    expect(encodingForModel('gpt-4-1106-preview')).toBe('cl100k_base');
    expect(encodingForModel('gpt-3.5-turbo')).toBe('cl100k_base');
    expect(encodingForModel('text-embedding-3-small')).toBe('cl100k_base');
    expect(encodingForModel('gpt-4o-mini')).toBe('o200k_base');
    expect(encodingForModel('gpt-4.1')).toBe('o200k_base');
    expect(encodingForModel('o3')).toBe('o200k_base');
  });

  it("marks other providers' counts as estimates scaled by the provider's factor", () => {
    const claude = tokenCounterFor('anthropic', 'claude-sonnet-4-5');
    expect(claude).toMatchObject({ factor: 1.2, exact: false });
    // 8 o200k tokens x 1.2 = 9.6, rounded up.
    expect(claude.count('Hello, world! How are you?')).toBe(10);
    expect(tokenCounterFor('gemini', 'gemini-2.5-flash').factor).toBe(1);
    expect(tokenCounterFor('groq', 'llama-3.1-8b-instant')).toMatchObject({ factor: 1.1, exact: false });
  });
});

describe('countChatTokens', () => {
  const counter = tokenCounterFor('openai', 'gpt-4o');
  const hello = { role: 'user' as const, content: 'Hello, world! How are you?' };

  it("frames each message the way OpenAI's chat format does", () => {
    // 3 framing + 'user' (1) + 8 content, then 3 for the reply's priming.
    expect(countChatTokens({ messages: [hello] }, counter)).toBe(15);
    const named = { ...hello, name: 'ada' };
    expect(countChatTokens({ messages: [named] }, counter)).toBe(15 + 1 + counter.count('ada'));
  });

  it('adds tool definitions, a response schema, images and tool calls', () => {
    const base = countChatTokens({ messages: [hello] }, counter);
    const tool = {
      name: 'get_weather',
      description: 'Current weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    };
    const withTools = countChatTokens({ messages: [hello], tools: [tool] }, counter);
    expect(withTools - base).toBe(
      12 +
        8 +
        counter.count('get_weather') +
        counter.count(tool.description) +
        counter.count(JSON.stringify(tool.parameters)),
    );
    const schema = { type: 'object', properties: { answer: { type: 'string' } } };
    expect(
      countChatTokens({ messages: [hello], responseFormat: { type: 'json_schema', schema } }, counter) - base,
    ).toBe(counter.count(JSON.stringify(schema)) + 8);
    const image = {
      role: 'user' as const,
      content: [
        { type: 'text' as const, text: 'What is this?' },
        { type: 'image' as const, url: 'https://example.com/a.png', detail: 'low' as const },
      ],
    };
    expect(countChatTokens({ messages: [image] }, counter)).toBe(
      3 + 1 + counter.count('What is this?') + 85 + 3,
    );
    const call = {
      role: 'assistant' as const,
      content: [{ type: 'tool-call' as const, id: 'call_1', name: 'get_weather', input: { city: 'Paris' } }],
    };
    const result = { role: 'tool' as const, toolCallId: 'call_1', content: '18C' };
    expect(countChatTokens({ messages: [call, result] }, counter)).toBe(
      3 +
        counter.count('assistant') +
        counter.count('get_weather') +
        counter.count('{"city":"Paris"}') +
        3 +
        3 +
        counter.count('tool') +
        counter.count('call_1') +
        counter.count('18C') +
        3,
    );
  });
});

describe('long texts counted again', () => {
  it('gives the tokenizer’s own count every time, for each encoding and text (the memo never mixes them up)', () => {
    const o200k = require('gpt-tokenizer/encoding/o200k_base') as { countTokens(text: string): number };
    const cl100k = require('gpt-tokenizer/encoding/cl100k_base') as { countTokens(text: string): number };
    const history = 'The quick brown fox jumps over the lazy dog. '.repeat(40);
    const other = `${history.slice(0, -3)}cat`;
    const gpt4o = tokenCounterFor('openai', 'gpt-4o');
    const gpt4 = tokenCounterFor('openai', 'gpt-4');
    for (let turn = 0; turn < 3; turn++) {
      expect(gpt4o.count(history)).toBe(o200k.countTokens(history));
      expect(gpt4o.count(other)).toBe(o200k.countTokens(other));
      expect(gpt4.count(history)).toBe(cl100k.countTokens(history));
      expect(tokenCounterFor('anthropic', 'claude-sonnet-4').count(history)).toBe(
        Math.ceil(o200k.countTokens(history) * 1.2),
      );
    }
    expect(tokenCounterFor('openai', 'gpt-4o')).toBe(gpt4o);
  });
});
