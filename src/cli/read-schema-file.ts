import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import type { ResponseFormat } from '../core/types/chat-request.js';
import { CliError } from './cli-error.js';

/**
 * `--schema <file.json>` as a json_schema response format. The file is either a bare JSON Schema
 * (named after the file) or the OpenAI-style wrapper `{ "name", "schema", "strict"?, "description"? }`.
 */
export async function readSchemaFile(value: string, cwd: string): Promise<ResponseFormat> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, value), 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new CliError(`cannot read schema file '${value}'${code ? ` (${code})` : ''}`, {
      hint: 'give the path of a JSON Schema file',
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`schema file '${value}' is not valid JSON: ${(error as Error).message}`, {
      hint: 'fix the JSON in the file',
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CliError(`schema file '${value}' does not hold a JSON object`, {
      hint: 'write a JSON Schema object such as {"type":"object","properties":{...}}',
    });
  }
  const record = parsed as Record<string, unknown>;
  if (typeof record.name === 'string' && isObject(record.schema)) {
    return {
      type: 'json_schema',
      name: record.name,
      schema: record.schema,
      ...(typeof record.description === 'string' ? { description: record.description } : {}),
      ...(typeof record.strict === 'boolean' ? { strict: record.strict } : {}),
    };
  }
  return { type: 'json_schema', name: schemaName(value), schema: record };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Providers accept `[A-Za-z0-9_-]{1,64}` as a schema name; the file name is the natural one. */
function schemaName(path: string): string {
  const stem = basename(path, extname(path))
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .slice(0, 64);
  return stem || 'response';
}
