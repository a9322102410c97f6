import { Money } from '../accounting/money.js';
import type { CatalogEntry, ModelPrices, PriceSheet } from './catalog-entry.js';
import type { CatalogFile, CatalogModelData, PricesData } from './catalog-file-schema.js';
import {
  EXTENDED_CONTEXT_TOKENS,
  LONG_CONTEXT_TOKENS,
  type Modality,
  type ModelCapability,
} from './model-capability.js';

const CHAT_DEFAULTS: ModelCapability[] = ['text', 'chat', 'streaming'];
const EMBEDDING_DEFAULTS: ModelCapability[] = ['embeddings'];

/**
 * Turns one validated data file into catalog entries: file defaults applied, prices parsed to
 * Money, and the window-derived capabilities added so they can never disagree with the window.
 */
export function buildCatalogEntries(file: CatalogFile, origin: string): CatalogEntry[] {
  return file.models.map((model) => buildEntry(file, model, origin));
}

function buildEntry(file: CatalogFile, model: CatalogModelData, origin: string): CatalogEntry {
  const mode = model.mode ?? 'chat';
  const base =
    model.capabilities ??
    (mode === 'embedding' ? EMBEDDING_DEFAULTS : (file.defaults?.capabilities ?? CHAT_DEFAULTS));
  const capabilities = new Set<ModelCapability>([...base, ...(model.add ?? [])]);
  const window = Math.max(model.contextWindow, model.extendedContextWindow ?? 0);
  if (mode === 'chat' && window >= LONG_CONTEXT_TOKENS) capabilities.add('longContext');
  if (mode === 'chat' && window >= EXTENDED_CONTEXT_TOKENS) capabilities.add('extendedContext');
  const modalities =
    model.modalities ??
    (mode === 'embedding'
      ? { input: ['text'] as Modality[], output: ['embedding'] as Modality[] }
      : (file.defaults?.modalities ?? { input: ['text'] as Modality[], output: ['text'] as Modality[] }));
  const entry: CatalogEntry = {
    provider: file.provider,
    id: model.id,
    aliases: model.aliases ?? [],
    mode,
    contextWindow: model.contextWindow,
    prices: parsePrices(model.prices),
    capabilities: [...capabilities],
    modalities: { input: [...modalities.input], output: [...modalities.output] },
    source: model.source ?? file.source,
    unconfirmed: model.unconfirmed ?? file.defaults?.unconfirmed ?? [],
    origin,
  };
  if (model.displayName !== undefined) entry.displayName = model.displayName;
  if (model.extendedContextWindow !== undefined) entry.extendedContextWindow = model.extendedContextWindow;
  if (model.maxOutputTokens !== undefined) entry.maxOutputTokens = model.maxOutputTokens;
  if (model.deprecationDate !== undefined) entry.deprecationDate = model.deprecationDate;
  if (model.notes !== undefined) entry.notes = model.notes;
  return entry;
}

/** Parses a price block; a missing cache price is the input price (no discount, no surcharge). */
export function parsePrices(data: PricesData): ModelPrices {
  const sheet = parseSheet(data);
  const tiers = (data.tiers ?? [])
    .map((tier) => ({ aboveInputTokens: tier.aboveInputTokens, ...parseSheet(tier, sheet) }))
    .sort((a, b) => a.aboveInputTokens - b.aboveInputTokens);
  return { ...sheet, tiers };
}

type SheetData = Omit<PricesData, 'tiers'>;

/** A tier without its own output price keeps the base one; missing cache prices are the sheet's input price. */
function parseSheet(data: SheetData, base?: PriceSheet): PriceSheet {
  const input = Money.parse(data.input);
  const output = data.output !== undefined ? Money.parse(data.output) : (base?.output ?? Money.ZERO);
  const cachedInput = data.cachedInput !== undefined ? Money.parse(data.cachedInput) : input;
  const cacheWrite = data.cacheWrite !== undefined ? Money.parse(data.cacheWrite) : input;
  const cacheWrite1h = data.cacheWrite1h !== undefined ? Money.parse(data.cacheWrite1h) : cacheWrite;
  return { input, output, cachedInput, cacheWrite, cacheWrite1h };
}
