import { describe, expect, it } from 'vitest';
import { countChatTokens } from './count-chat-tokens.js';
import { HOLD_BOUND_MAX_TOKENS, promptHoldTokens } from './prompt-hold-tokens.js';
import { tokenCounterFor } from './token-counter.js';

const texts = [
  'Say hello, number 12345.',
  'Grüße aus Köln — ça va? ¿Qué tal?',
  '日本語のテキストはトークンが多くなります。中文也是。',
  'Emoji: 🚀🔥👩‍👩‍👧‍👦 and ZWJ sequences',
  'function add(a, b) { return a + b; } // code\n\tindented\r\n',
  '                                   spaces and ..... dots !!!!!!',
  'x'.repeat(900),
];

describe('promptHoldTokens', () => {
  it('never holds fewer tokens than the tokenizer counts, for any text, provider and framing', () => {
    for (const [provider, model] of [
      ['openai', 'gpt-4o-mini'],
      ['openai', 'gpt-4'],
      ['anthropic', 'claude-sonnet-4'],
      ['groq', 'llama-3.3-70b'],
    ] as const) {
      const counter = tokenCounterFor(provider, model);
      for (const text of texts) {
        const request = {
          messages: [
            { role: 'system' as const, content: 'Be brief.' },
            { role: 'user' as const, content: text, name: 'ana' },
          ],
          tools: [{ name: 'lookup', description: text.slice(0, 40), parameters: { type: 'object' } }],
        };
        expect(promptHoldTokens(request, counter)).toBeGreaterThanOrEqual(countChatTokens(request, counter));
      }
    }
  });

  it('holds the byte bound for a short prompt, and the exact count once the bound passes the threshold', () => {
    const counter = tokenCounterFor('openai', 'gpt-4o-mini');
    const short = { messages: [{ role: 'user' as const, content: 'Say hello, number 12345.' }] };
    // 3 priming + 3 framing + "user" (4 bytes) + 24 bytes of text.
    expect(promptHoldTokens(short, counter)).toBe(3 + 3 + 4 + 24);
    expect(countChatTokens(short, counter)).toBeLessThan(3 + 3 + 4 + 24);

    const long = { messages: [{ role: 'user' as const, content: 'The quick brown fox. '.repeat(60) }] };
    expect(3 + 3 + 4 + long.messages[0]!.content.length).toBeGreaterThan(HOLD_BOUND_MAX_TOKENS);
    expect(promptHoldTokens(long, counter)).toBe(countChatTokens(long, counter));
  });
});
