import { createRequire } from 'node:module';
import { LRUCache } from 'lru-cache';

export type EncodingName = 'o200k_base' | 'cl100k_base';

/** Counts tokens for one model: exactly for OpenAI's encodings, as an estimate for the rest. */
export interface TokenCounter {
  encoding: EncodingName;
  /** Multiplier on the OpenAI count for a model with another tokenizer (1 for OpenAI models). */
  factor: number;
  /** True when the count is the model's own tokenizer's (OpenAI models). */
  exact: boolean;
  count(text: string): number;
}

/**
 * How many tokens other tokenizers produce per o200k token on typical English and code. These are
 * estimates (Claude's tokenizer is not public; Llama, Qwen and DeepSeek vocabularies are smaller),
 * chosen from published comparisons and rounded; every count they touch is marked estimated.
 */
const PROVIDER_FACTORS: Record<string, number> = {
  anthropic: 1.2,
  gemini: 1,
  mistral: 1.15,
  cohere: 1.1,
};
const DEFAULT_FACTOR = 1.1;
/** Providers that serve OpenAI's own models, whose counts are exact. */
const OPENAI_HOSTS = new Set(['openai', 'azure']);

const require = createRequire(import.meta.url);
const encoders = new Map<EncodingName, (text: string) => number>();

/**
 * Loads an encoding on first use: the BPE tables take about half a second to load, which a
 * process that never counts tokens must not pay. `warmTokenizer` loads one ahead of time.
 */
function encoder(name: EncodingName): (text: string) => number {
  let count = encoders.get(name);
  if (!count) {
    const module = require(`gpt-tokenizer/encoding/${name}`) as { countTokens(text: string): number };
    count = (text: string) => module.countTokens(text);
    encoders.set(name, count);
  }
  return count;
}

/**
 * Counts of long texts already counted, per encoding. A conversation is sent again whole on every
 * turn, so without this each turn ran the BPE over the entire history again (milliseconds for a
 * long one) for the budget, limit and pre-flight estimates. Short texts are cheaper to count than
 * to remember. Bounded by the characters of the texts kept.
 */
const MEMO_MIN_CHARS = 256;
const memos = new Map<EncodingName, LRUCache<string, number>>();

function memoFor(name: EncodingName): LRUCache<string, number> {
  let memo = memos.get(name);
  if (!memo) {
    memo = new LRUCache<string, number>({
      maxSize: 8_000_000,
      sizeCalculation: (_count, text) => text.length,
    });
    memos.set(name, memo);
  }
  return memo;
}

function countText(name: EncodingName, text: string): number {
  if (text.length < MEMO_MIN_CHARS) return encoder(name)(text);
  const memo = memoFor(name);
  let count = memo.get(text);
  if (count === undefined) {
    count = encoder(name)(text);
    memo.set(text, count);
  }
  return count;
}

export function warmTokenizer(encoding: EncodingName = 'o200k_base'): void {
  encoder(encoding)('');
}

/** The encoding OpenAI uses for a model: cl100k for GPT-4, GPT-3.5 and ada-era embeddings. */
export function encodingForModel(model: string): EncodingName {
  const name = model.replace(/^.*\//, '');
  if (/^gpt-4(-|$)/.test(name) || name.startsWith('gpt-3.5') || name.startsWith('text-embedding-')) {
    return 'cl100k_base';
  }
  return 'o200k_base';
}

/** Counters made, per provider and model: every call asks for one (bounded; cleared when full). */
const counters = new Map<string, TokenCounter>();

/** The counter for a model of a provider. */
export function tokenCounterFor(provider: string, model: string): TokenCounter {
  const id = `${provider}\u0000${model}`;
  let counter = counters.get(id);
  if (counter) return counter;
  const openAIModel = OPENAI_HOSTS.has(provider);
  const encoding = openAIModel ? encodingForModel(model) : 'o200k_base';
  const factor = openAIModel ? 1 : (PROVIDER_FACTORS[provider] ?? DEFAULT_FACTOR);
  counter = {
    encoding,
    factor,
    exact: openAIModel,
    count: (text) => (text ? Math.ceil(countText(encoding, text) * factor) : 0),
  };
  if (counters.size >= 1000) counters.clear();
  counters.set(id, counter);
  return counter;
}
