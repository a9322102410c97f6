/**
 * Token estimates from a request body before it is converted or routed: about four bytes of JSON
 * per prompt token, and the output the client allows. Rough on purpose (no tokenizer on the hot
 * path); every hold made from them is settled to the real usage afterwards.
 */
export function promptTokensOfBody(body: unknown): number {
  if (typeof body !== 'object' || body === null) return 0;
  return Math.ceil(JSON.stringify(body).length / 4);
}

/** `max_completion_tokens` (OpenAI) or `max_tokens` (both APIs), when the client sets one. */
export function outputTokensAsked(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const fields = body as Record<string, unknown>;
  const output = [fields.max_completion_tokens, fields.max_tokens].find((value) => typeof value === 'number');
  return output as number | undefined;
}
