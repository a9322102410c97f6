import { dirname, resolve } from 'node:path';
import { createCatalog } from '../../catalog/create-catalog.js';
import type { ModelCatalog } from '../../catalog/model-catalog.js';
import type { SwitchyardConfig } from '../../config/switchyard-config.js';

/**
 * The catalog a client built from this config prices its calls with: the built-in data unless
 * `catalog.builtin: false`, then `catalog.files` relative to the config file. Key budgets price
 * with it so what they count matches the ledger.
 */
export function catalogOfConfig(config: SwitchyardConfig): ModelCatalog {
  const base = config.source ? dirname(config.source) : process.cwd();
  return createCatalog({
    builtIn: config.catalog.builtin !== false,
    files: config.catalog.files?.map((file) => resolve(base, file)),
  });
}
