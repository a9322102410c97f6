import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';

/**
 * One `switchyard` subcommand: adds itself to the program. Its action writes through the context
 * and throws on failure; the runner turns any throw into one error line and a non-zero exit.
 */
export interface CliCommand {
  name: string;
  register(program: Command, context: CliContext): void;
}
