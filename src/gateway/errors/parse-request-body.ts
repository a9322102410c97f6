import type { z } from 'zod';
import { invalidRequest } from './gateway-http-error.js';

/** `messages[0].content` from zod's `['messages', 0, 'content']`, the way API docs name fields. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Validates a parsed JSON body; the first problem becomes a 400 naming the field. */
export function parseRequestBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidRequest('The request body must be a JSON object.');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const param = formatPath(issue.path);
  const message = param ? `Invalid value for '${param}': ${issue.message}` : issue.message;
  throw invalidRequest(message, param || undefined);
}
