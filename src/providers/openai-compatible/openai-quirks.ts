/**
 * Where an "OpenAI-compatible" server differs from OpenAI, as data. A preset sets only what differs
 * from the defaults; `resolveQuirks` fills the rest.
 */
export interface OpenAICompatibleQuirks {
  /** OpenAI's reasoning models reject `max_tokens`; most compatibles only know `max_tokens`. */
  maxTokensField: 'max_completion_tokens' | 'max_tokens';
  /** Send `stream_options.include_usage` on streams; off for servers that reject `stream_options`. */
  streamUsage: boolean;
  /** Mistral calls the seed `random_seed`. */
  seedField: 'seed' | 'random_seed';
  /**
   * How a reasoning effort is sent: `reasoning_effort` (OpenAI, Groq, xAI), OpenRouter's
   * `reasoning: {effort, max_tokens, exclude}`, or not at all (a warning says so).
   */
  reasoning: 'reasoning_effort' | 'reasoning-object' | 'none';
  /** Whether the server takes `top_k` (Together, Fireworks, vLLM, llama.cpp). */
  topK: boolean;
  /** Canonical settings the server rejects; they are left out with a warning. */
  unsupportedSettings: ReadonlyArray<'frequencyPenalty' | 'presencePenalty' | 'seed' | 'stop'>;
  /** Send earlier reasoning back as `reasoning_content` on assistant messages (DeepSeek thinking mode). */
  reasoningInHistory: boolean;
  /** `api-key` header (Azure) instead of `Authorization: Bearer`. */
  auth: 'bearer' | 'api-key';
}

export const DEFAULT_QUIRKS: OpenAICompatibleQuirks = {
  maxTokensField: 'max_tokens',
  streamUsage: true,
  seedField: 'seed',
  reasoning: 'reasoning_effort',
  topK: false,
  unsupportedSettings: [],
  reasoningInHistory: false,
  auth: 'bearer',
};

export function resolveQuirks(quirks: Partial<OpenAICompatibleQuirks> = {}): OpenAICompatibleQuirks {
  return { ...DEFAULT_QUIRKS, ...quirks };
}
