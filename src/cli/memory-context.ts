import { Switchyard, type SwitchyardOptions } from '../client/switchyard.js';
import { cliLedger } from '../pipeline/cli-ledger.js';
import type { Environment } from '../providers/registry/provider-overrides.js';
import { type CliContext, type CliInput, cliConfig } from './cli-context.js';

export interface MemoryContextOptions {
  env?: Environment;
  /** Piped standard input; absent means an interactive terminal. */
  stdin?: string;
  cwd?: string;
  signal?: AbortSignal;
  /** Options for every Switchyard the commands build (custom providers, narrowed definitions). */
  switchyard?: Omit<SwitchyardOptions, 'env'>;
  /**
   * Record calls to the SQLite ledger as the bin does (`./.switchyard/ledger.db` in `cwd`, or
   * SWITCHYARD_LEDGER, or `ledger.path`). Default false: rows stay in memory.
   */
  recordLedger?: boolean;
}

/**
 * A CLI context that captures output in strings, for running commands in-process in tests
 * (this package's and those of anyone adding a command).
 */
export function memoryContext(options: MemoryContextOptions = {}): CliContext & {
  stdoutText(): string;
  stderrText(): string;
} {
  let stdout = '';
  let stderr = '';
  const stdin: CliInput =
    options.stdin === undefined
      ? Object.assign(emptyInput(), { isTTY: true })
      : Object.assign(inputOf(options.stdin), { isTTY: false });
  const context: ReturnType<typeof memoryContext> = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    signal: options.signal,
    // A `--config` file wins over the config given in options; without either, the file is found
    // as the bin finds it (SWITCHYARD_CONFIG in `env`, else switchyard.yaml in `cwd`).
    createSwitchyard: (env) => {
      const config =
        context.configPath || options.switchyard?.config === undefined
          ? cliConfig(context, env)
          : options.switchyard.config;
      const ledger =
        options.recordLedger && options.switchyard?.ledger === undefined
          ? cliLedger(cliConfig(context, env), { env, cwd: context.cwd })
          : options.switchyard?.ledger;
      return new Switchyard({ ...options.switchyard, env, config, ledger });
    },
    stdoutText: () => stdout,
    stderrText: () => stderr,
  };
  return context;
}

async function* inputOf(text: string): AsyncGenerator<Uint8Array> {
  // Two chunks split inside the text, as a pipe may deliver it.
  const bytes = new TextEncoder().encode(text);
  const middle = Math.floor(bytes.length / 2);
  yield bytes.subarray(0, middle);
  yield bytes.subarray(middle);
}

async function* emptyInput(): AsyncGenerator<Uint8Array> {}
