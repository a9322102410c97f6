import { builtInCatalogEntries } from './built-in-catalog.js';
import type { CatalogEntry } from './catalog-entry.js';
import { type CatalogFileFormat, loadCatalogFile } from './load-catalog-file.js';
import { ModelCatalog, type ModelCatalogOptions } from './model-catalog.js';

export interface CreateCatalogOptions extends ModelCatalogOptions {
  /** Start from the data shipped with Switchyard (default true). */
  builtIn?: boolean;
  /**
   * Files layered over the built-in data, in order: Switchyard data files (JSON or YAML) or
   * LiteLLM price files. An entry with the same `provider/id` replaces the earlier one whole.
   */
  files?: Array<string | { path: string; format?: CatalogFileFormat }>;
  /** Entries added last (they win over files). */
  entries?: CatalogEntry[];
}

/** The catalog a client, the gateway or the CLI uses. */
export function createCatalog(options: CreateCatalogOptions = {}): ModelCatalog {
  const layers: CatalogEntry[] = options.builtIn === false ? [] : [...builtInCatalogEntries()];
  for (const file of options.files ?? []) {
    const { path, format } = typeof file === 'string' ? { path: file, format: undefined } : file;
    layers.push(...loadCatalogFile(path, format));
  }
  layers.push(...(options.entries ?? []));
  return new ModelCatalog(layers, options.now ? { now: options.now } : {});
}
