/** A JSON object (not null, not an array): what a parsed body or config section must be to be read by key. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
