import { InvalidArgumentError } from 'commander';
import { formatHealthTable } from '../../health/format-health-table.js';
import type { CliCommand } from '../cli-command.js';
import { CliError } from '../cli-error.js';
import { parsePositiveInteger } from '../parse-number-option.js';

interface HealthOptions {
  json?: boolean;
  required?: string[];
  timeout?: number;
}

/**
 * `switchyard health`: checks every configured provider now (a cheap call each, in parallel) and
 * prints its state with the reason, the check's latency and its circuits. Exits 1 when a required
 * provider (`health.required_providers` in the config, or `--required`) is down, so a deploy script
 * or a container probe can gate on it.
 */
export const healthCommand: CliCommand = {
  name: 'health',
  register(program, context) {
    program
      .command('health')
      .description('check every configured provider: healthy, degraded or down, and why')
      .option('--json', 'print the health snapshot as JSON')
      .option(
        '--required <ids>',
        'comma-separated provider ids that must be up (added to health.required_providers)',
        parseProviderList,
      )
      .option(
        '--timeout <ms>',
        'limit for each provider check (default: health.timeout_ms, or 10000)',
        parsePositiveInteger,
      )
      .action(async (options: HealthOptions) => {
        const switchyard = context.createSwitchyard(context.env);
        const snapshot = await switchyard.health({
          timeoutMs: options.timeout,
          requiredProviders: options.required,
        });
        context.stdout.write(
          options.json ? `${JSON.stringify(snapshot, null, 2)}\n` : formatHealthTable(snapshot),
        );
        if (snapshot.exitCode !== 0) {
          throw new CliError(`required provider(s) down: ${snapshot.requiredDown.join(', ')}`, {
            exitCode: snapshot.exitCode,
          });
        }
      });
  },
};

/** `a,b , c` -> ['a', 'b', 'c']; an empty list is a mistake, not "nothing required". */
function parseProviderList(value: string): string[] {
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (ids.length === 0) throw new InvalidArgumentError('expected provider ids separated by commas');
  return ids;
}
