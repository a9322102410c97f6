/**
 * Anthropic requires `max_tokens` on every call, while callers of an OpenAI-shaped API usually
 * leave it out. The default is the model's own output ceiling (so an answer is never cut short by a
 * limit nobody asked for); for a model missing from this table it is 4096, which every Claude model
 * accepts. Facts from ../shared/reference/anthropic-messages.md §9 (late 2025); ids match by
 * prefix, so dated snapshots and aliases share a row.
 */
const MAX_OUTPUT_TOKENS: ReadonlyArray<readonly [prefix: string, maxOutputTokens: number]> = [
  ['claude-opus-4-5', 64_000],
  ['claude-sonnet-4-5', 64_000],
  ['claude-haiku-4-5', 64_000],
  ['claude-opus-4-1', 32_000],
  ['claude-opus-4-0', 32_000],
  ['claude-opus-4-2025', 32_000],
  ['claude-sonnet-4-0', 64_000],
  ['claude-sonnet-4-2025', 64_000],
  ['claude-3-7-sonnet', 64_000],
  ['claude-3-5-sonnet', 8_192],
  ['claude-3-5-haiku', 8_192],
  ['claude-3-opus', 4_096],
  ['claude-3-haiku', 4_096],
];

export const FALLBACK_MAX_TOKENS = 4096;

/** The model's output ceiling, or undefined for a model this table does not know. */
export function anthropicMaxOutputTokens(model: string): number | undefined {
  for (const [prefix, tokens] of MAX_OUTPUT_TOKENS) if (model.startsWith(prefix)) return tokens;
  return undefined;
}

/**
 * Above this, the official SDKs refuse non-streaming calls (the answer could take over ten minutes,
 * longer than networks keep an idle connection); a default for a non-streamed call stays below it.
 */
export const NON_STREAMING_MAX_TOKENS = 21_333;

/**
 * `max_tokens` for a call. Thinking tokens count toward `max_tokens`, so with a thinking budget the
 * budget is added on top of the answer's allowance (capped at the model's ceiling when known) so
 * that thinking never eats the whole answer. Only defaults are capped; a caller's value is sent.
 */
export function resolveAnthropicMaxTokens(
  model: string,
  maxOutputTokens: number | undefined,
  thinkingBudget: number | undefined,
  stream = true,
): number {
  const ceiling = anthropicMaxOutputTokens(model);
  let answer = maxOutputTokens ?? ceiling ?? FALLBACK_MAX_TOKENS;
  if (maxOutputTokens === undefined && !stream) answer = Math.min(answer, NON_STREAMING_MAX_TOKENS);
  if (thinkingBudget === undefined) return answer;
  const total = answer + thinkingBudget;
  return ceiling === undefined ? total : Math.min(total, ceiling);
}
