import { describe, expect, it } from 'vitest';
import { commonOpenAIChatRequest } from './common-chat-request.js';
import { openAIChatRequestSchema } from './openai-chat-request-schema.js';

const base = {
  model: 'openai/gpt-4o-mini',
  messages: [
    { role: 'system', content: 'You are a concise assistant.' },
    { role: 'user', content: 'Write one sentence about a fox.', name: 'ann' },
    { role: 'assistant', content: 'A fox.' },
  ],
};

/** Bodies the check takes: each must be exactly what the schema gives back. */
const taken: unknown[] = [
  base,
  { ...base, stream: true, stream_options: { include_usage: true, extra: 1 } },
  { ...base, stream: null, stream_options: null, max_tokens: 64, max_completion_tokens: 1 },
  { ...base, temperature: 0, top_p: 1, frequency_penalty: -2, presence_penalty: 2, seed: -5, user: 'u' },
  { ...base, temperature: null, top_p: null, seed: null, max_tokens: null },
  { model: 'm', messages: [{ content: 'hi', role: 'developer' }] },
];

/** Bodies it leaves to the schema: valid ones it does not know, and invalid ones. */
const left: unknown[] = [
  null,
  [],
  'text',
  { messages: base.messages },
  { model: 'm' },
  { ...base, model: '' },
  { ...base, model: 5 },
  { ...base, messages: [] },
  { ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] },
  { ...base, messages: [{ role: 'user', content: 'hi', extra: 1 }] },
  { ...base, messages: [{ role: 'user' }] },
  { ...base, messages: [{ content: 'hi' }] },
  { ...base, messages: [{ role: 'tool', content: 'hi', tool_call_id: 'c1' }] },
  { ...base, messages: [{ role: 'user', content: 'hi', name: 7 }] },
  { ...base, messages: ['hi'] },
  { ...base, stream: 'yes' },
  { ...base, stream_options: { include_usage: 'yes' } },
  { ...base, stream_options: [] },
  { ...base, temperature: 2.5 },
  { ...base, temperature: '1' },
  { ...base, top_p: -0.1 },
  { ...base, presence_penalty: 3 },
  { ...base, max_tokens: 0 },
  { ...base, max_tokens: 1.5 },
  { ...base, max_tokens: 2 ** 60 },
  { ...base, seed: 0.5 },
  { ...base, user: null },
  { ...base, tools: [] },
  { ...base, unknown_field: 1 },
  JSON.parse('{"model":"m","messages":[{"role":"user","content":"hi"}],"__proto__":{"x":1}}'),
];

describe('commonOpenAIChatRequest', () => {
  it.each(taken.map((body) => [JSON.stringify(body), body]))('takes %s as the schema gives it', (_, body) => {
    const checked = commonOpenAIChatRequest(body);
    expect(checked).toBe(body);
    expect(checked).toStrictEqual(openAIChatRequestSchema.parse(body));
  });

  it.each(left.map((body) => [JSON.stringify(body), body]))('leaves %s to the schema', (_, body) => {
    expect(commonOpenAIChatRequest(body)).toBeUndefined();
  });
});
