import type { ProviderStatus } from '../../providers/registry/resolve-provider.js';
import type { CliCommand } from '../cli-command.js';
import { formatTable } from '../format-table.js';

/** `switchyard providers`: every known provider, whether it is usable here, and why. */
export const providersCommand: CliCommand = {
  name: 'providers',
  register(program, context) {
    program
      .command('providers')
      .description('list every provider: protocol, configured or not (and why), base URL, key variable')
      .option('--json', 'print the statuses as JSON')
      .action((options: { json?: boolean }) => {
        const statuses = context.createSwitchyard(context.env).providers();
        if (options.json) {
          context.stdout.write(`${JSON.stringify(statuses, null, 2)}\n`);
          return;
        }
        context.stdout.write(providersTable(statuses));
      });
  },
};

export function providersTable(statuses: ProviderStatus[]): string {
  const rows = statuses.map((s) => [
    s.id,
    s.protocol,
    s.configured ? 'yes' : 'no',
    s.baseUrl ?? '-',
    s.apiKeyEnv.join(', ') || '-',
    s.reason,
  ]);
  return formatTable(['ID', 'PROTOCOL', 'CONFIGURED', 'BASE URL', 'KEY VARIABLE', 'WHY'], rows);
}
