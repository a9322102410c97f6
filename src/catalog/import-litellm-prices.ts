import { MONEY_DECIMALS, plainDecimal, roundDecimal, shiftDecimal } from '../accounting/money.js';
import { parsePrices } from './build-catalog-entries.js';
import type { CatalogEntry } from './catalog-entry.js';
import type { PricesData } from './catalog-file-schema.js';
import { EXTENDED_CONTEXT_TOKENS, LONG_CONTEXT_TOKENS, type ModelCapability } from './model-capability.js';

/** LiteLLM provider names that Switchyard calls something else. */
const PROVIDER_NAMES: Record<string, string> = {
  together_ai: 'together',
  fireworks_ai: 'fireworks',
  cohere_chat: 'cohere',
  text_completion_openai: 'openai',
  'vertex_ai-language-models': 'vertex_ai',
  ollama_chat: 'ollama',
  azure_ai: 'azure_ai',
};

const TIER_KEY = /^input_cost_per_token_above_(\d+)k_tokens$/;

export interface LiteLlmImport {
  entries: CatalogEntry[];
  /** Rows left out, with why: non-text modes, or no input price (a half-priced model would under-report). */
  skipped: Array<{ key: string; reason: string }>;
}

/**
 * Reads LiteLLM's `model_prices_and_context_window.json`: per-token USD floats become per-million
 * decimal strings by moving the decimal point of the number's shortest written form, so 3e-7 is
 * exactly "0.3", never 0.30000000000000004.
 */
export function importLiteLlmPrices(data: unknown, origin = 'litellm'): LiteLlmImport {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new TypeError(`${origin}: a LiteLLM price file is one JSON object keyed by model name`);
  }
  const entries: CatalogEntry[] = [];
  const skipped: LiteLlmImport['skipped'] = [];
  const checked = new Date().toISOString().slice(0, 10);
  for (const [key, raw] of Object.entries(data as Record<string, unknown>)) {
    if (key === 'sample_spec' || raw === null || typeof raw !== 'object') continue;
    const row = raw as Record<string, unknown>;
    const mode =
      row.mode === 'embedding'
        ? 'embedding'
        : row.mode === 'chat' || row.mode === undefined
          ? 'chat'
          : undefined;
    if (!mode) {
      skipped.push({ key, reason: `mode ${String(row.mode)} is not chat or embedding` });
      continue;
    }
    const prices = pricesOf(row);
    if (!prices) {
      skipped.push({ key, reason: 'no input_cost_per_token' });
      continue;
    }
    const litellmProvider = typeof row.litellm_provider === 'string' ? row.litellm_provider : 'unknown';
    const provider = PROVIDER_NAMES[litellmProvider] ?? litellmProvider;
    const id = stripProviderPrefix(key, [litellmProvider, provider]);
    const contextWindow = numberOf(row.max_input_tokens) ?? numberOf(row.max_tokens) ?? 0;
    const entry: CatalogEntry = {
      provider,
      id,
      aliases: id === key ? [] : [key],
      mode,
      contextWindow,
      prices: parsePrices(prices),
      capabilities: capabilitiesOf(row, mode, contextWindow),
      modalities: {
        input: ['text', ...(row.supports_vision === true ? (['image'] as const) : [])],
        output: mode === 'embedding' ? ['embedding'] : ['text'],
      },
      source: { url: 'https://github.com/BerriAI/litellm', checked, note: `imported from ${origin}` },
      unconfirmed: [],
      origin: `litellm:${origin}`,
    };
    const maxOutput = numberOf(row.max_output_tokens);
    if (maxOutput !== undefined && mode === 'chat') entry.maxOutputTokens = maxOutput;
    if (typeof row.deprecation_date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(row.deprecation_date)) {
      entry.deprecationDate = row.deprecation_date;
    }
    entries.push(entry);
  }
  return { entries, skipped };
}

/** A per-token USD float as a per-million decimal string ("2.5e-06" -> "2.5"). */
export function perTokenToPerMillion(value: number): string {
  const perMillion = shiftDecimal(plainDecimal(value), 6);
  // Past 12 places the float carries noise, not a price anyone set.
  return roundDecimal(perMillion, MONEY_DECIMALS)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

function pricesOf(row: Record<string, unknown>): PricesData | undefined {
  const sheet = (suffix: string): Omit<PricesData, 'tiers'> | undefined => {
    const input = costOf(row[`input_cost_per_token${suffix}`]);
    if (input === undefined) return undefined;
    const result: Omit<PricesData, 'tiers'> = { input };
    const output = costOf(row[`output_cost_per_token${suffix}`]);
    const cachedInput = costOf(row[`cache_read_input_token_cost${suffix}`]);
    const cacheWrite = costOf(row[`cache_creation_input_token_cost${suffix}`]);
    if (output !== undefined) result.output = output;
    if (cachedInput !== undefined) result.cachedInput = cachedInput;
    if (cacheWrite !== undefined) result.cacheWrite = cacheWrite;
    if (suffix === '') {
      const cacheWrite1h = costOf(row.cache_creation_input_token_cost_above_1hr);
      if (cacheWrite1h !== undefined) result.cacheWrite1h = cacheWrite1h;
    }
    return result;
  };
  const base = sheet('');
  if (!base) return undefined;
  const tiers: NonNullable<PricesData['tiers']> = [];
  for (const key of Object.keys(row)) {
    const match = TIER_KEY.exec(key);
    if (!match) continue;
    const tier = sheet(`_above_${match[1]}k_tokens`);
    if (!tier) continue;
    tiers.push({ aboveInputTokens: Number(match[1]) * 1000, output: base.output, ...tier });
  }
  return tiers.length ? { ...base, tiers } : base;
}

function costOf(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? perTokenToPerMillion(value)
    : undefined;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function capabilitiesOf(
  row: Record<string, unknown>,
  mode: 'chat' | 'embedding',
  contextWindow: number,
): ModelCapability[] {
  if (mode === 'embedding') return ['embeddings'];
  const capabilities: ModelCapability[] = ['text', 'chat', 'streaming'];
  const flags: Array<[string, ModelCapability]> = [
    ['supports_function_calling', 'tools'],
    ['supports_response_schema', 'structuredOutput'],
    ['supports_response_schema', 'jsonMode'],
    ['supports_vision', 'vision'],
    ['supports_audio_input', 'audioInput'],
    ['supports_audio_output', 'audioOutput'],
    ['supports_reasoning', 'reasoning'],
  ];
  for (const [flag, capability] of flags) {
    if (row[flag] === true && !capabilities.includes(capability)) capabilities.push(capability);
  }
  if (contextWindow >= LONG_CONTEXT_TOKENS) capabilities.push('longContext');
  if (contextWindow >= EXTENDED_CONTEXT_TOKENS) capabilities.push('extendedContext');
  return capabilities;
}

function stripProviderPrefix(key: string, prefixes: string[]): string {
  for (const prefix of prefixes) {
    if (key.startsWith(`${prefix}/`)) return key.slice(prefix.length + 1);
  }
  return key;
}
