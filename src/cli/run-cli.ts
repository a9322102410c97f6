import { Command, CommanderError } from 'commander';
import { isSwitchyardError } from '../core/errors/switchyard-error.js';
import type { CliCommand } from './cli-command.js';
import type { CliContext } from './cli-context.js';
import { COMMANDS } from './commands/index.js';
import { formatCliError, type ProviderLookup } from './format-cli-error.js';
import { packageVersion } from './package-version.js';

/** Exit code after Ctrl-C, as shells expect (128 + SIGINT). */
const INTERRUPTED = 130;

/** Builds the `switchyard` program with every command wired to the context. */
export function createProgram(context: CliContext, commands: CliCommand[] = COMMANDS): Command {
  const program = new Command('switchyard')
    .description('One API in front of every LLM provider.')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run `switchyard --help` for usage)')
    // Set before the subcommands exist: commander copies these settings into each one.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    })
    .option(
      '-c, --config <file>',
      'config file (default: SWITCHYARD_CONFIG, or ./switchyard.yaml if present)',
    )
    .hook('preAction', () => {
      const configPath = program.opts<{ config?: string }>().config;
      if (configPath !== undefined) context.configPath = configPath;
    });
  for (const command of commands) command.register(program, context);
  return program;
}

/**
 * Runs one command line and returns the exit code. Never throws and never prints a stack trace:
 * every failure becomes one line on stderr.
 */
export async function runCli(argv: string[], context: CliContext, commands?: CliCommand[]): Promise<number> {
  const program = createProgram(context, commands);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    // Commander already printed its own usage error (or the help / version text).
    if (error instanceof CommanderError) return error.exitCode;
    const lookup: ProviderLookup = (id) => providerStatus(context, id);
    context.stderr.write(`${formatCliError(error, context.env, lookup)}\n`);
    if (isSwitchyardError(error) && error.kind === 'aborted') return INTERRUPTED;
    return typeof (error as { exitCode?: unknown }).exitCode === 'number'
      ? (error as { exitCode: number }).exitCode
      : 1;
  }
}

function providerStatus(context: CliContext, id: string) {
  try {
    return context
      .createSwitchyard(context.env)
      .providers()
      .find((status) => status.id === id);
  } catch {
    return undefined;
  }
}
