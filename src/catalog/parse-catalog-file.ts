import type { z } from 'zod';
import { type CatalogFile, catalogFileSchema } from './catalog-file-schema.js';

export class CatalogFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogFileError';
  }
}

/** Validates one data file; the error names the file and every bad field by its path. */
export function parseCatalogFile(data: unknown, origin: string): CatalogFile {
  const parsed = catalogFileSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new CatalogFileError(`invalid catalog file ${origin}: ${describeIssues(parsed.error.issues, data)}`);
}

function describeIssues(issues: z.core.$ZodIssue[], data: unknown): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${pathText(issue.path, data)}: ${issue.message}`)
    .join('; ');
}

/** `models[3] (gpt-4o).prices.input`: the model id makes the path findable in a long file. */
function pathText(path: PropertyKey[], data: unknown): string {
  let text = '';
  let node: unknown = data;
  for (const key of path) {
    node =
      node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === 'number') {
      const id = node !== null && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
      text += `[${key}]${typeof id === 'string' ? ` (${id})` : ''}`;
    } else text += text ? `.${String(key)}` : String(key);
  }
  return text || '(file)';
}
