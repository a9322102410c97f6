import type { CliCommand } from '../cli-command.js';
import { chatCommand } from './chat.js';
import { healthCommand } from './health.js';
import { keysCommand } from './keys.js';
import { modelsCommand } from './models.js';
import { providersCommand } from './providers.js';
import { serveCommand } from './serve.js';
import { statsCommand } from './stats.js';
import { usageCommand } from './usage.js';

/** Every subcommand, in help order. A new command is one file in this folder plus one line here. */
export const COMMANDS: CliCommand[] = [
  providersCommand,
  modelsCommand,
  chatCommand,
  healthCommand,
  serveCommand,
  usageCommand,
  statsCommand,
  keysCommand,
];
