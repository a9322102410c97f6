import { Switchyard } from '../client/switchyard.js';
import { loadConfigSync } from '../config/load-config.js';
import { cliLedger } from '../pipeline/cli-ledger.js';
import { builtInDefinitions } from '../providers/builtin-definitions.js';
import type { Environment } from '../providers/registry/provider-overrides.js';

/** Where a command writes: process streams in the bin, string buffers in tests. */
export interface CliOutput {
  write(text: string): unknown;
}

/** Standard input as the commands need it: readable chunks, and whether a person is typing. */
export type CliInput = AsyncIterable<string | Uint8Array> & { isTTY?: boolean };

/**
 * Everything a command touches outside itself, injected so commands run in-process in tests
 * exactly as they do in the bin.
 */
export interface CliContext {
  stdout: CliOutput;
  stderr: CliOutput;
  stdin: CliInput;
  env: Environment;
  /** Directory relative paths (`--image`, `--schema`) are read from. */
  cwd: string;
  /** Aborted on Ctrl-C so a streaming answer stops and releases its connection. */
  signal?: AbortSignal;
  /** The `--config` file, set from the global option before a command runs. */
  configPath?: string;
  /** Builds the library front door; tests pass one with scripted or narrowed providers. */
  createSwitchyard(env: Environment): Switchyard;
}

/** The context of the real `switchyard` process. */
export function processContext(signal?: AbortSignal): CliContext {
  const context: CliContext = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    signal,
    createSwitchyard: (env) => {
      const config = cliConfig(context, env);
      return new Switchyard({ env, config, ledger: cliLedger(config, { env, cwd: context.cwd }) });
    },
  };
  return context;
}

/**
 * The CLI's config: `--config`, else SWITCHYARD_CONFIG, else switchyard.yaml (.yml, .toml, .json) in
 * the working directory, else none.
 */
export function cliConfig(context: Pick<CliContext, 'configPath' | 'cwd'>, env: Environment) {
  return loadConfigSync({
    path: context.configPath,
    cwd: context.cwd,
    env,
    presets: builtInDefinitions().map((definition) => definition.id),
  });
}
