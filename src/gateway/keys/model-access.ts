/**
 * Whether a key whose allowed list is `patterns` may ask for `model`. Entries match the name the
 * client sends: an exact `provider/model` id, a glob (`openai/*`, `anthropic/claude-*`), an alias
 * or route name, or `*`. An empty or absent list allows every model.
 */
export function isModelAllowed(patterns: readonly string[] | undefined, model: string): boolean {
  if (!patterns || patterns.length === 0) return true;
  return patterns.some((pattern) => matchesPattern(pattern, model));
}

function matchesPattern(pattern: string, model: string): boolean {
  if (!pattern.includes('*')) return pattern === model;
  const parts = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`).test(model);
}
