import { isAbsolute, resolve } from 'node:path';
import { DEFAULT_LEDGER_PATH } from './sqlite-ledger.js';

/**
 * Where the ledger file is: an explicit path (`--ledger`), else SWITCHYARD_LEDGER, else the
 * configured path, else `./.switchyard/ledger.db`; a relative path is taken from `cwd`.
 */
export function ledgerLocation(options: {
  explicit?: string;
  env?: Record<string, string | undefined>;
  configured?: string;
  cwd: string;
}): string {
  const path =
    options.explicit ?? options.env?.SWITCHYARD_LEDGER ?? options.configured ?? DEFAULT_LEDGER_PATH;
  return isAbsolute(path) ? path : resolve(options.cwd, path);
}
