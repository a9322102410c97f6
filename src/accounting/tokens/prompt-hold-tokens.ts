import { type CountableRequest, countChatTokens } from './count-chat-tokens.js';
import type { TokenCounter } from './token-counter.js';

/**
 * Below this bound a prompt is held at its bound instead of being counted. At most about a
 * thousand tokens too many are then held for a moment (given back at settlement), against the
 * tokenizer's cost: counting even a one-line prompt cost 20-30 us of CPU per call between real I/O
 * (bench/overhead), its rank tables being cold in the CPU's caches by then.
 */
export const HOLD_BOUND_MAX_TOKENS = 1024;

/**
 * The prompt tokens a call holds against budgets and tokens-per-minute limits before it is sent.
 * Never fewer than the counter would count: a short prompt holds an upper bound that needs no
 * tokenizer (every BPE token covers at least one UTF-8 byte, so a text's bytes times the
 * counter's factor is never below its count; framing, images and tool definitions are counted as
 * `countChatTokens` does); a longer one is counted for real (memoized per text by the counter).
 */
export function promptHoldTokens(request: CountableRequest, counter: TokenCounter): number {
  const bound = countChatTokens(request, byteBoundOf(counter));
  return bound <= HOLD_BOUND_MAX_TOKENS ? bound : countChatTokens(request, counter);
}

const boundCounters = new WeakMap<TokenCounter, TokenCounter>();

function byteBoundOf(counter: TokenCounter): TokenCounter {
  let bound = boundCounters.get(counter);
  if (!bound) {
    const { factor } = counter;
    bound = {
      encoding: counter.encoding,
      factor,
      exact: false,
      count: (text) => (text ? Math.ceil(Buffer.byteLength(text, 'utf8') * factor) : 0),
    };
    boundCounters.set(counter, bound);
  }
  return bound;
}
