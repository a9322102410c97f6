import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { Environment } from '../providers/registry/provider-overrides.js';
import { ConfigError } from './config-error.js';
import { parseConfig } from './parse-config.js';
import { formatOf, parseConfigText } from './parse-config-text.js';
import { SwitchyardConfig } from './switchyard-config.js';

/** Looked for in the working directory, in this order. */
export const CONFIG_FILE_NAMES = ['switchyard.yaml', 'switchyard.yml', 'switchyard.toml', 'switchyard.json'];

export interface LoadConfigOptions {
  /** A file given explicitly (`--config`); it must exist. */
  path?: string;
  /** Where to look (default `process.cwd()`). */
  cwd?: string;
  /** For `SWITCHYARD_CONFIG` and `${VAR}` (default `process.env`). */
  env?: Environment;
  /** Ids of the built-in providers, to check `preset` values. */
  presets?: readonly string[];
}

/**
 * Which file to read: the explicit path, else `SWITCHYARD_CONFIG`, else the first of
 * CONFIG_FILE_NAMES in the working directory; undefined when there is none (no config is fine).
 */
export function findConfigFile(options: LoadConfigOptions = {}): string | undefined {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const given = options.path ?? (env.SWITCHYARD_CONFIG?.trim() || undefined);
  if (given) {
    const path = isAbsolute(given) ? given : resolve(cwd, given);
    if (!existsSync(path)) {
      const how = options.path ? 'given' : 'named by SWITCHYARD_CONFIG';
      throw new ConfigError(
        [{ path: '(file)', message: `config file ${how} does not exist; expected a readable file` }],
        {
          source: path,
        },
      );
    }
    return path;
  }
  return CONFIG_FILE_NAMES.map((name) => join(cwd, name)).find((path) => existsSync(path));
}

/** Reads and validates the config; an empty config when no file exists and none was asked for. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<SwitchyardConfig> {
  const path = findConfigFile(options);
  if (!path) return new SwitchyardConfig();
  return fromText(await readFile(path, 'utf8'), path, options);
}

/** The same as loadConfig, for start-up code that cannot await. */
export function loadConfigSync(options: LoadConfigOptions = {}): SwitchyardConfig {
  const path = findConfigFile(options);
  if (!path) return new SwitchyardConfig();
  return fromText(readFileSync(path, 'utf8'), path, options);
}

function fromText(text: string, path: string, options: LoadConfigOptions): SwitchyardConfig {
  const format = formatOf(path);
  if (!format) {
    throw new ConfigError(
      [{ path: '(file)', message: 'unknown file type; expected .yaml, .yml, .toml or .json' }],
      {
        source: path,
      },
    );
  }
  return parseConfig(parseConfigText(text, format, path), {
    env: options.env,
    source: path,
    presets: options.presets,
  });
}
