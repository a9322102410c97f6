import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../core/types/stream-events.js';
import { fixtureLines } from './__fixtures__/load-fixture.js';
import { OpenAIStreamDecoder } from './openai-stream-decoder.js';
import { plainContentOf } from './plain-content-chunk.js';

const head = '"id":"chatcmpl-1","object":"chat.completion.chunk","created":1763712001,"model":"gpt-4o-mini"';
const choice = (delta: string, rest = '"logprobs":null,"finish_reason":null') =>
  `"choices":[{"index":0,"delta":${delta},${rest}}]`;
const chunk = (...parts: string[]) => `{${parts.join(',')}}`;

/** The same chunk with its keys in another order: never matched, so always parsed whole. */
function reordered(data: string): string {
  const { choices, ...rest } = JSON.parse(data) as Record<string, unknown>;
  return JSON.stringify({ choices, ...rest });
}

/** Events of a started decoder for one chunk. */
function eventsOf(data: string): StreamEvent[] {
  const decoder = new OpenAIStreamDecoder({ provider: 'openai', model: 'gpt-4o-mini' });
  const events: StreamEvent[] = [];
  decoder.push({ data: chunk(head, choice('{"role":"assistant","content":""}')) }, () => {});
  decoder.push({ data }, (event) => events.push(event));
  return events;
}

describe('plainContentOf', () => {
  const plain = [
    chunk(head, choice('{"content":"Hello"}')),
    chunk(head, '"system_fingerprint":"fp_1"', choice('{"content":" world"}'), '"usage":null'),
    chunk(
      head,
      '"service_tier":"default","system_fingerprint":null',
      choice('{"content":"é ☕ 😀"}'),
      '"usage":null,"obfuscation":"Qup1"',
    ),
    chunk(head, choice('{"content":"a \\"quote\\", a \\\\ and \\n \\u00e9 \\ud83d\\ude00"}')),
    chunk(head, choice('{"content":""}')),
  ];

  it.each(plain)('reads the text of a chunk that only carries text: %s', (data) => {
    const parsed = JSON.parse(data) as { choices: [{ delta: { content: string } }] };
    expect(plainContentOf(data)).toBe(parsed.choices[0].delta.content);
  });

  it('reads every text chunk of a recorded OpenAI stream', () => {
    const lines = fixtureLines('openai-text').filter((line) => line !== '[DONE]');
    const texts = lines.map(plainContentOf);
    // The first (role) chunk, the finish chunk and the usage chunk are not plain text.
    expect(texts.filter((t) => t !== undefined).length).toBe(lines.length - 3);
    expect(texts.join('')).toBe('Bonjour! Le café est prêt ☕.');
  });

  const meaningful = [
    ['a role', chunk(head, choice('{"role":"assistant","content":"Hi"}'))],
    ['a finish reason', chunk(head, choice('{"content":"Hi"}', '"logprobs":null,"finish_reason":"stop"'))],
    ['a usage object', chunk(head, choice('{"content":"Hi"}'), '"usage":{"prompt_tokens":1}')],
    ['Groq usage', chunk(head, choice('{"content":"Hi"}'), '"x_groq":{"usage":{"prompt_tokens":1}}')],
    ['an error', chunk(head, choice('{"content":"Hi"}'), '"error":{"message":"boom"}')],
    ['an unknown field', chunk(head, '"extra":1', choice('{"content":"Hi"}'))],
    [
      'another choice',
      chunk(head, '"choices":[{"index":1,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}]'),
    ],
    [
      'two choices',
      `{${head},"choices":[{"index":0,"delta":{"content":"a"},"logprobs":null,"finish_reason":null},{"index":1,"delta":{"content":"b"},"logprobs":null,"finish_reason":null}]}`,
    ],
    ['reasoning', chunk(head, choice('{"content":"Hi","reasoning_content":"think"}'))],
    ['a refusal', chunk(head, choice('{"content":null,"refusal":"no"}'))],
    ['tool calls', chunk(head, choice('{"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]}'))],
    ['null content', chunk(head, choice('{"content":null}'))],
    ['content parts', chunk(head, choice('{"content":[{"type":"text","text":"Hi"}]}'))],
    ['logprobs', chunk(head, choice('{"content":"Hi"}', '"logprobs":{"content":[]},"finish_reason":null'))],
    ['spaces between tokens', chunk(head, choice('{"content": "Hi"}'))],
    ['an escape JSON does not allow', chunk(head, choice('{"content":"\\x41"}'))],
    ['a raw line break in the text', chunk(head, choice('{"content":"a\nb"}'))],
    ['text after the object', `${chunk(head, choice('{"content":"Hi"}'))} trailing`],
  ] as const;

  it.each(meaningful)('leaves a chunk with %s to the full parse', (_, data) => {
    expect(plainContentOf(data)).toBeUndefined();
  });

  it.each([...plain, ...plain.map((data) => `  ${data}  `)])(
    'gives the decoder the same events as parsing the chunk whole: %s',
    (data) => {
      expect(eventsOf(data)).toEqual(eventsOf(reordered(data.trim())));
    },
  );

  it('is not used for the first chunk, which starts the stream', () => {
    const decoder = new OpenAIStreamDecoder({ provider: 'openai', model: 'gpt-4o-mini' });
    const events: StreamEvent[] = [];
    decoder.push({ data: chunk(head, choice('{"content":"Hi"}')) }, (event) => events.push(event));
    expect(events.map((e) => e.type)).toEqual(['start', 'text-delta']);
    expect(events[0]).toMatchObject({ id: 'chatcmpl-1', model: 'gpt-4o-mini' });
  });
});
