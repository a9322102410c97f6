import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { BUDGET_WINDOWS } from '../../accounting/budgets/budget-rule.js';
import { GatewayHttpError } from '../../gateway/errors/gateway-http-error.js';
import { parseRequestBody } from '../../gateway/errors/parse-request-body.js';
import { createVirtualKey } from '../../gateway/keys/create-virtual-key.js';
import { keySettingsSchema, settingsFromInput } from '../../gateway/keys/key-settings-schema.js';
import { parseDate } from '../../gateway/keys/parse-expiry.js';
import { DEFAULT_KEYS_PATH, SqliteKeyStore } from '../../gateway/keys/sqlite-key-store.js';
import { publicKeyInfo } from '../../gateway/keys/virtual-key.js';
import { virtualKeyJson } from '../../gateway/keys/virtual-key-json.js';
import type { CliCommand } from '../cli-command.js';
import type { CliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { formatTable } from '../format-table.js';
import { parsePositiveInteger } from '../parse-number-option.js';

interface CreateOptions {
  db?: string;
  name?: string;
  models?: string[];
  expires?: string;
  budget?: string;
  budgetWindow?: string;
  limit?: Array<{ window: string; limit: string; warn_at?: number }>;
  rpm?: number;
  tpm?: number;
  maxConcurrent?: number;
  user?: string;
  team?: string;
  tags?: string[];
  json?: boolean;
}

/** The flag a settings field comes from, so a refusal names what the user typed. */
const FLAGS: Record<string, string> = {
  expires_in: '--expires',
  expires_at: '--expires',
  max_budget_usd: '--budget',
  budget_window: '--budget-window',
};

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function budgetWindow(value: string): string {
  if (!(BUDGET_WINDOWS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${BUDGET_WINDOWS.join(', ')}`);
  }
  return value;
}

/** `--db`, else SWITCHYARD_KEYS_DB, else `./.switchyard/keys.db` (beside the ledger), from the working directory. */
export function keyStorePath(context: Pick<CliContext, 'cwd' | 'env'>, db?: string): string {
  return resolve(context.cwd, db ?? context.env.SWITCHYARD_KEYS_DB ?? DEFAULT_KEYS_PATH);
}

async function withStore<T>(path: string, use: (store: SqliteKeyStore) => Promise<T>): Promise<T> {
  const store = new SqliteKeyStore({ path });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

const dbOption = (command: Command) =>
  command.option('--db <path>', `key store file (default: SWITCHYARD_KEYS_DB or ${DEFAULT_KEYS_PATH})`);

/**
 * `switchyard keys create | list | revoke`: the gateway's virtual keys, straight in the key store
 * (a running gateway sees changes on its next request). A new key is printed once and never again.
 */
export const keysCommand: CliCommand = {
  name: 'keys',
  register(program, context) {
    const keys = program.command('keys').description("manage the gateway's virtual keys");

    dbOption(keys.command('create'))
      .description('create a virtual key and print it (shown only this once)')
      .option('--name <name>', 'a label for the key')
      .option('--models <list>', 'models it may use: ids, provider/* globs, aliases or routes', list)
      .option('--expires <when>', 'lifetime (30d, 12h, 2w) or ISO date (2026-01-31)')
      .option('--budget <usd>', 'spend limit in USD per budget window')
      .option(
        '--budget-window <window>',
        `when the budget restarts: ${BUDGET_WINDOWS.join(', ')}`,
        budgetWindow,
      )
      .option(
        '--limit <window=usd[@warn]>',
        'one more budget, repeatable: day=5, month=100@0.8 (warn at 80 %)',
        collectLimit,
      )
      .option('--rpm <n>', 'requests per minute', parsePositiveInteger)
      .option('--tpm <n>', 'tokens per minute', parsePositiveInteger)
      .option('--max-concurrent <n>', 'calls in flight at once', parsePositiveInteger)
      .option('--user <user>', 'who the key belongs to (ledger and budgets)')
      .option('--team <team>', 'team the key belongs to (ledger and budgets)')
      .option('--tags <list>', 'tags added to every call made with the key', list)
      .option('--json', 'print the key and its settings as JSON')
      .action(async (options: CreateOptions) => {
        const now = Date.now();
        const settings = readSettings(options, now);
        const path = keyStorePath(context, options.db);
        const { secret, key } = await withStore(path, (store) => createVirtualKey(store, settings, now));
        if (options.json) {
          context.stdout.write(`${JSON.stringify({ ...virtualKeyJson(key, now), key: secret }, null, 2)}\n`);
          return;
        }
        context.stdout.write(
          `Created ${key.id}${key.name ? ` (${key.name})` : ''} in ${path}\n\n  ${secret}\n\n` +
            'Copy it now: it is shown only this once. It cannot be recovered, only revoked.\n',
        );
      });

    dbOption(keys.command('list'))
      .description('list virtual keys (never their secrets)')
      .option('--json', 'print the keys as JSON')
      .action(async (options: { db?: string; json?: boolean }) => {
        const path = keyStorePath(context, options.db);
        // Listing must not create a store as a side effect.
        const stored = existsSync(path) ? await withStore(path, (store) => store.list()) : [];
        const now = Date.now();
        const rows = stored.map((key) => virtualKeyJson(publicKeyInfo(key), now));
        if (options.json) {
          context.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        if (rows.length === 0) {
          context.stdout.write(`No keys in ${path}. Create one with \`switchyard keys create\`.\n`);
          return;
        }
        context.stdout.write(keysTable(rows));
      });

    dbOption(keys.command('revoke <id>'))
      .description('revoke a virtual key: it stops working at once, for good')
      .action(async (id: string, options: { db?: string }) => {
        const path = keyStorePath(context, options.db);
        const revoked = existsSync(path)
          ? await withStore(path, (store) => store.revoke(id, Date.now()))
          : undefined;
        if (!revoked) {
          throw new CliError(`no key with id '${id}' in ${path}`, {
            hint: 'run `switchyard keys list` for the ids',
            exitCode: 1,
          });
        }
        context.stdout.write(`Revoked ${id}${revoked.name ? ` (${revoked.name})` : ''}.\n`);
      });
  },
};

/** The flags as the admin API's body, checked by the same schema, so both refuse the same input. */
/** `--limit day=5` or `--limit month=100@0.8`, collected into the key's list of budgets. */
function collectLimit(value: string, previous: CreateOptions['limit'] = []) {
  const match = /^\s*([a-z]+)\s*=\s*([0-9]+(?:\.[0-9]+)?)\s*(?:@\s*([0-9.]+))?\s*$/.exec(value);
  if (!match)
    throw new InvalidArgumentError('expected <window>=<usd>[@<warn fraction>], e.g. day=5 or month=100@0.8');
  const [, window, limit, warn] = match;
  const budget: { window: string; limit: string; warn_at?: number } = { window: window!, limit: limit! };
  if (warn !== undefined) budget.warn_at = Number(warn);
  return [...previous, budget];
}

function readSettings(options: CreateOptions, now: number) {
  const input: Record<string, unknown> = {
    name: options.name,
    models: options.models,
    max_budget_usd: options.budget,
    budget_window: options.budgetWindow,
    budgets: options.limit,
    rpm: options.rpm,
    tpm: options.tpm,
    max_concurrent: options.maxConcurrent,
    user: options.user,
    team: options.team,
    tags: options.tags,
  };
  if (options.expires !== undefined) {
    if (parseDate(options.expires) === undefined) input.expires_in = options.expires;
    else input.expires_at = options.expires;
  }
  for (const field of Object.keys(input)) if (input[field] === undefined) delete input[field];
  try {
    return settingsFromInput(parseRequestBody(keySettingsSchema, input), now);
  } catch (error) {
    if (!(error instanceof GatewayHttpError)) throw error;
    const flag = error.param?.startsWith('budgets')
      ? '--limit'
      : ((error.param && FLAGS[error.param]) ?? (error.param ? `--${error.param.replaceAll('_', '-')}` : ''));
    throw new CliError(`${flag ? `${flag}: ` : ''}${error.message}`);
  }
}

type KeyRow = ReturnType<typeof virtualKeyJson>;

export function keysTable(rows: KeyRow[]): string {
  const date = (iso: string | null) => (iso === null ? '-' : iso.slice(0, 10));
  return formatTable(
    ['ID', 'NAME', 'PREFIX', 'STATUS', 'USER', 'TEAM', 'BUDGET', 'RPM', 'EXPIRES', 'MODELS'],
    rows.map((row) => [
      row.id,
      row.name ?? '-',
      `${row.prefix}...`,
      row.status,
      row.user ?? '-',
      row.team ?? '-',
      row.max_budget_usd === null ? '-' : `$${row.max_budget_usd}/${row.budget_window}`,
      row.rpm === null ? '-' : String(row.rpm),
      date(row.expires_at),
      row.models.length === 0 ? '*' : row.models.join(','),
    ]),
  );
}
