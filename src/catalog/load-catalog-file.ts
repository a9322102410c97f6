import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { buildCatalogEntries } from './build-catalog-entries.js';
import type { CatalogEntry } from './catalog-entry.js';
import { importLiteLlmPrices } from './import-litellm-prices.js';
import { CatalogFileError, parseCatalogFile } from './parse-catalog-file.js';

export type CatalogFileFormat = 'switchyard' | 'litellm';

/**
 * Reads a user's catalog file: one Switchyard data file (JSON or YAML, the shape of
 * src/catalog/data/*.json), a list of them, or LiteLLM's `model_prices_and_context_window.json`.
 * The format is detected unless given.
 */
export function loadCatalogFile(path: string, format?: CatalogFileFormat): CatalogEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CatalogFileError(`cannot read catalog file ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new CatalogFileError(
      `catalog file ${path} is not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${(error as Error).message}`,
    );
  }
  return catalogEntriesFromData(data, path, format);
}

/** The entries in already-parsed file content. */
export function catalogEntriesFromData(
  data: unknown,
  origin: string,
  format?: CatalogFileFormat,
): CatalogEntry[] {
  if ((format ?? detectFormat(data)) === 'litellm') return importLiteLlmPrices(data, origin).entries;
  const files = Array.isArray(data) ? data : [data];
  return files.flatMap((file, index) =>
    buildCatalogEntries(parseCatalogFile(file, files.length > 1 ? `${origin}[${index}]` : origin), origin),
  );
}

function detectFormat(data: unknown): CatalogFileFormat {
  if (Array.isArray(data) || data === null || typeof data !== 'object') return 'switchyard';
  const record = data as Record<string, unknown>;
  if ('provider' in record && 'models' in record) return 'switchyard';
  const rows = Object.values(record).filter((value) => value !== null && typeof value === 'object');
  return rows.some((row) => 'input_cost_per_token' in row || 'litellm_provider' in row)
    ? 'litellm'
    : 'switchyard';
}
