import { describe, expect, it } from 'vitest';
import {
  isUsageOnlyMessage,
  sseMessages,
  stripOpenAIUsage,
  withoutTrailingUsageChunk,
} from './strip-openai-usage.js';

const role =
  'data: {"id":"c1","choices":[{"index":0,"delta":{"role":"assistant","content":""}}],"usage":null}\n\n';
const finish = 'data: {"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}\n\n';
const usage =
  'data: {"id":"c1","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}\n\n';
const done = 'data: [DONE]\n\n';

describe('stripOpenAIUsage', () => {
  it('leaves text without a usage field as it is (the same string)', () => {
    const text = 'data: {"id":"c1","choices":[{"index":0,"delta":{"content":"hi"}}]}\n\n';
    expect(stripOpenAIUsage(text)).toBe(text);
  });

  it('leaves chunks whose usage is null as they are, spaced or not', () => {
    const spaced = 'data: {"id":"c1","choices":[],"usage" : null}\n\n';
    expect(stripOpenAIUsage(role + finish + spaced + done)).toBe(role + finish + spaced + done);
  });

  it('drops the whole choices: [] usage chunk and keeps what is around it byte for byte', () => {
    expect(stripOpenAIUsage(role + finish + usage + done)).toBe(role + finish + done);
  });

  it('deletes usage from a chunk that also carries choices, keeping the rest of the chunk', () => {
    const chunk = {
      id: 'c1',
      choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
      usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
    };
    const out = stripOpenAIUsage(`data: ${JSON.stringify(chunk)}\n\n${done}`);
    expect(out).toBe(`data: ${JSON.stringify({ id: 'c1', choices: chunk.choices })}\n\n${done}`);
  });

  it('handles CRLF framing and a usage chunk in a message of several lines', () => {
    const crlf = usage.replace('\n\n', '\r\n\r\n');
    expect(stripOpenAIUsage(`: ping\r\n\r\n${crlf}data: [DONE]\r\n\r\n`)).toBe(
      ': ping\r\n\r\ndata: [DONE]\r\n\r\n',
    );
  });

  it('keeps a message it cannot read rather than guess', () => {
    const odd = 'data: {"usage": not json\n\n';
    expect(stripOpenAIUsage(odd + done)).toBe(odd + done);
  });
});

describe('sseMessages', () => {
  const MESSAGES = /[\s\S]*?(?:\r\n\r\n|\n\n|\r\r|$)/g;
  const byRegex = (text: string) => [...text.matchAll(MESSAGES)].map(([m]) => m).filter((m) => m !== '');

  it('splits as the message regex does, on any mix of line endings', () => {
    const pieces = ['\r', '\n', 'a', 'data: {}', '\r\n', '\n\n', ':'];
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 3000; i++) {
      let text = '';
      const length = Math.floor(random() * 12);
      for (let j = 0; j < length; j++) text += pieces[Math.floor(random() * pieces.length)];
      expect(sseMessages(text)).toEqual(byRegex(text));
    }
    expect(sseMessages(role + finish + usage + done)).toEqual([role, finish, usage, done]);
  });
});

describe('isUsageOnlyMessage', () => {
  const head =
    '"id":"chatcmpl-1","object":"chat.completion.chunk","created":1763712001,"model":"gpt-4o-mini"';
  const usageObject =
    '"usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}';
  const usageOnly = [
    `data: {${head},"choices":[],${usageObject}}\n\n`,
    `data:{${head},"service_tier":"default","system_fingerprint":"fp_1","choices":[],${usageObject},"obfuscation":"Qup1"}\r\n\r\n`,
    `data: {${head},"system_fingerprint":null,"choices":[],"usage":{"prompt_tokens":1,"note":"a } and a \\" {"}}\n\n`,
  ];
  const others = [
    [
      'a chunk with choices',
      `data: {${head},"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],${usageObject}}\n\n`,
    ],
    ['usage null', `data: {${head},"choices":[],"usage":null}\n\n`],
    ['another key order', `data: {"choices":[],${head},${usageObject}}\n\n`],
    ['an unknown field', `data: {${head},"x":1,"choices":[],${usageObject}}\n\n`],
    ['two messages', `data: {${head},"choices":[],${usageObject}}\n\ndata: [DONE]\n\n`],
    ['no end of message', `data: {${head},"choices":[],${usageObject}}`],
    ['an event line first', `event: usage\ndata: {${head},"choices":[],${usageObject}}\n\n`],
  ] as const;

  it.each(usageOnly)('recognizes the usage chunk the strip drops whole: %s', (message) => {
    expect(isUsageOnlyMessage(message)).toBe(true);
    expect(stripOpenAIUsage(message)).toBe('');
  });

  it.each(others)('leaves %s to the strip', (_, message) => {
    expect(isUsageOnlyMessage(message)).toBe(false);
  });
});

describe('withoutTrailingUsageChunk', () => {
  // In OpenAI's key order, as isUsageOnlyMessage requires.
  const openAIUsage =
    'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}\n\n';

  it('drops the usage chunk that ends the text, as stripOpenAIUsage does', () => {
    const text = finish + openAIUsage;
    expect(withoutTrailingUsageChunk(text)).toBe(finish);
    expect(stripOpenAIUsage(text)).toBe(finish);
    expect(withoutTrailingUsageChunk(role + finish + openAIUsage)).toBe(role + finish);
  });

  it('reads a CRLF-framed usage chunk after an LF-framed message as stripOpenAIUsage does', () => {
    const text = finish + openAIUsage.replace('\n\n', '\r\n\r\n');
    expect(withoutTrailingUsageChunk(text)).toBe(stripOpenAIUsage(text));
  });

  it('leaves every other shape to stripOpenAIUsage', () => {
    const withObject = finish.replace('"usage":null', '"usage":{"prompt_tokens":1}');
    // A usage object before the usage chunk: that one must be stripped too.
    expect(withoutTrailingUsageChunk(withObject + openAIUsage)).toBeUndefined();
    // The usage chunk is not last, or is alone, or is not in OpenAI's key order.
    expect(withoutTrailingUsageChunk(finish + openAIUsage + done)).toBeUndefined();
    expect(withoutTrailingUsageChunk(openAIUsage)).toBeUndefined();
    expect(withoutTrailingUsageChunk(finish + usage)).toBeUndefined();
  });
});
