import { resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { CatalogEntry } from '../../catalog/catalog-entry.js';
import { createCatalog } from '../../catalog/create-catalog.js';
import { catalogComparisonRows, catalogTableRows } from '../../catalog/format-catalog.js';
import { CAPABILITIES, type ModelCapability, parseCapability } from '../../catalog/model-capability.js';
import type { CatalogQuery, ModelCatalog } from '../../catalog/model-catalog.js';
import type { ModelInfo } from '../../core/types/chat-result.js';
import type { CliCommand } from '../cli-command.js';
import type { CliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { formatCliError } from '../format-cli-error.js';
import { formatTable } from '../format-table.js';
import { parseFiniteNumber, parsePositiveInteger } from '../parse-number-option.js';

interface ModelsOptions {
  json?: boolean;
  catalog?: boolean;
  capability: ModelCapability[];
  minContext?: number;
  maxInputPrice?: number;
  maxOutputPrice?: number;
  embedding?: boolean;
  includeDeprecated?: boolean;
  compare?: string[];
  catalogFile: string[];
}

/**
 * `switchyard models [provider]`: the live model list from each provider's own API.
 * With `--catalog` or any search option it searches the model catalog instead, and
 * `--compare a b c` shows catalog models side by side.
 */
export const modelsCommand: CliCommand = {
  name: 'models',
  register(program, context) {
    program
      .command('models')
      .description(
        "list models live from a provider's API (default: every configured provider), or search the catalog",
      )
      .argument('[provider]', 'provider id, e.g. openai or ollama')
      .option('--json', 'print the models as JSON')
      .option('--catalog', 'list models from the catalog instead of the live API')
      .option(
        '--capability <name>',
        `catalog models that have it; repeatable (${CAPABILITIES.join(', ')})`,
        collectCapability,
        [] as ModelCapability[],
      )
      .option(
        '--min-context <tokens>',
        'catalog models with at least this context window',
        parsePositiveInteger,
      )
      .option(
        '--max-input-price <usd>',
        'catalog models at most this USD per million input tokens',
        parseFiniteNumber,
      )
      .option(
        '--max-output-price <usd>',
        'catalog models at most this USD per million output tokens',
        parseFiniteNumber,
      )
      .option('--embedding', 'catalog embedding models only')
      .option('--include-deprecated', 'also catalog models past their deprecation date')
      .option('--compare <models...>', 'catalog models side by side (provider/model, model or alias)')
      .option(
        '--catalog-file <path>',
        'a catalog or LiteLLM price file over the built-in data; repeatable',
        collect,
        [],
      )
      .action(async (providerId: string | undefined, options: ModelsOptions) => {
        if (options.compare) return compareModels(context, options);
        if (usesCatalog(options)) return searchCatalog(context, providerId, options);
        const { models, failed } = providerId
          ? {
              models: await context
                .createSwitchyard(context.env)
                .listModels(providerId, { signal: context.signal }),
              failed: 0,
            }
          : await listEveryConfigured(context);
        if (options.json) context.stdout.write(`${JSON.stringify(models, null, 2)}\n`);
        else context.stdout.write(modelsTable(models));
        if (failed > 0) {
          throw new CliError(`${failed} provider(s) could not list their models (see above)`, {
            exitCode: 1,
          });
        }
      });
  },
};

function usesCatalog(options: ModelsOptions): boolean {
  return (
    options.catalog === true ||
    options.capability.length > 0 ||
    options.minContext !== undefined ||
    options.maxInputPrice !== undefined ||
    options.maxOutputPrice !== undefined ||
    options.embedding === true ||
    options.includeDeprecated === true ||
    options.catalogFile.length > 0
  );
}

function loadCatalog(context: CliContext, options: ModelsOptions): ModelCatalog {
  const files = options.catalogFile.map((file) => resolve(context.cwd, file));
  try {
    return createCatalog({ files });
  } catch (error) {
    throw new CliError((error as Error).message, { exitCode: 2 });
  }
}

function searchCatalog(context: CliContext, providerId: string | undefined, options: ModelsOptions): void {
  const embedding = options.embedding === true || options.capability.includes('embeddings');
  const query: CatalogQuery = {
    capabilities: options.capability,
    mode: embedding ? 'embedding' : 'chat',
  };
  if (providerId) query.provider = providerId;
  if (options.includeDeprecated) query.includeDeprecated = true;
  if (options.minContext !== undefined) query.minContext = options.minContext;
  if (options.maxInputPrice !== undefined) query.maxInputPrice = options.maxInputPrice;
  if (options.maxOutputPrice !== undefined) query.maxOutputPrice = options.maxOutputPrice;
  const entries = loadCatalog(context, options).search(query);
  if (options.json) {
    context.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return;
  }
  if (entries.length === 0) throw new CliError('no catalog model meets these conditions', { exitCode: 1 });
  const { header, rows } = catalogTableRows(entries);
  context.stdout.write(formatTable(header, rows));
  if (entries.some((entry) => entry.unconfirmed.includes('prices'))) {
    context.stdout.write('* price not confirmed at the source\n');
  }
}

function compareModels(context: CliContext, options: ModelsOptions): void {
  const catalog = loadCatalog(context, options);
  const entries: CatalogEntry[] = [];
  const unknown: string[] = [];
  for (const name of options.compare ?? []) {
    const entry = catalog.get(name);
    if (entry) entries.push(entry);
    else unknown.push(name);
  }
  if (unknown.length > 0) {
    throw new CliError(`not in the catalog: ${unknown.join(', ')} (try switchyard models --catalog)`, {
      exitCode: 1,
    });
  }
  if (options.json) {
    context.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return;
  }
  const { header, rows } = catalogComparisonRows(entries);
  context.stdout.write(formatTable(header, rows));
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function collectCapability(value: string, previous: ModelCapability[]): ModelCapability[] {
  const capability = parseCapability(value);
  if (!capability) throw new InvalidArgumentError(`unknown capability; one of ${CAPABILITIES.join(', ')}`);
  return [...previous, capability];
}

/**
 * Asks every configured provider at once. One unreachable provider must not hide the others'
 * models: its failure is one line on stderr, and the command exits non-zero after printing the rest.
 */
async function listEveryConfigured(context: CliContext): Promise<{ models: ModelInfo[]; failed: number }> {
  const switchyard = context.createSwitchyard(context.env);
  const ids = switchyard.registry.ids().sort();
  const outcomes = await Promise.allSettled(
    ids.map((id) => switchyard.listModels(id, { signal: context.signal })),
  );
  const statuses = switchyard.providers();
  const models: ModelInfo[] = [];
  let failed = 0;
  for (const outcome of outcomes) {
    if (outcome.status === 'fulfilled') {
      models.push(...outcome.value);
      continue;
    }
    failed++;
    const line = formatCliError(outcome.reason, context.env, (id) => statuses.find((s) => s.id === id));
    context.stderr.write(`${line}\n`);
  }
  return { models, failed };
}

export function modelsTable(models: ModelInfo[]): string {
  const rows = models.map((m) => [
    `${m.provider}/${m.id}`,
    m.ownedBy ?? '-',
    m.contextWindow === undefined ? '-' : String(m.contextWindow),
  ]);
  return formatTable(['MODEL', 'OWNED BY', 'CONTEXT'], rows);
}
