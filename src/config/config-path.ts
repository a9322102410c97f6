export type PathSegment = string | number;

/** `providers.openai.timeout_ms`, `provider_chain.fallback[1]`: the form every config error uses. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z0-9_$-]+$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out || '(root)';
}

/** `timeout_ms` -> `timeoutMs`; `use-for` -> `useFor`. Keys already in camelCase are unchanged. */
export function camelize(key: string): string {
  return key.replace(/[_-]+([a-zA-Z0-9])/g, (_, char: string) => char.toUpperCase());
}

/** `timeoutMs` -> `timeout_ms`, for messages to people who write snake_case files. */
export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (char) => `_${char.toLowerCase()}`);
}
