import { z } from 'zod';
import { CAPABILITIES, MODALITIES } from './model-capability.js';

/** Dollars per million tokens as a decimal string, so no price passes through a float. */
const price = z
  .string()
  .regex(/^\d+(\.\d{1,12})?$/, 'a price is a decimal string of dollars per million tokens, e.g. "2.50"');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD');
const tokens = z.number().int().positive();

export const priceSourceSchema = z.strictObject({
  url: z.url(),
  /** When the price was read. */
  checked: isoDate,
  note: z.string().optional(),
});

const tierSchema = z.strictObject({
  /** The tier applies to the whole call when the prompt (all input tokens) is larger than this. */
  aboveInputTokens: tokens,
  input: price,
  output: price.optional(),
  cachedInput: price.optional(),
  cacheWrite: price.optional(),
  cacheWrite1h: price.optional(),
});

export const pricesSchema = z.strictObject({
  input: price,
  /** Absent for embedding models. */
  output: price.optional(),
  /** Cache read; absent means cached tokens cost the input price. */
  cachedInput: price.optional(),
  /** Cache write (Anthropic's 5-minute TTL); absent means writes cost the input price. */
  cacheWrite: price.optional(),
  /** Anthropic's 1-hour cache write. */
  cacheWrite1h: price.optional(),
  tiers: z.array(tierSchema).optional(),
});

const capabilities = z.array(z.enum(CAPABILITIES));
const modalitiesSchema = z.strictObject({
  input: z.array(z.enum(MODALITIES)).min(1),
  output: z.array(z.enum(MODALITIES)).min(1),
});
/** Which facts in an entry were not confirmed at the source (`prices`, `contextWindow`, ...). */
const unconfirmed = z.array(z.string());

export const catalogModelSchema = z.strictObject({
  id: z.string().min(1),
  aliases: z.array(z.string().min(1)).optional(),
  displayName: z.string().optional(),
  mode: z.enum(['chat', 'embedding']).optional(),
  contextWindow: tokens,
  /** A larger window available on request (Claude's 1M-token beta). */
  extendedContextWindow: tokens.optional(),
  maxOutputTokens: tokens.optional(),
  prices: pricesSchema,
  /** Replaces the file's default capabilities. */
  capabilities: capabilities.optional(),
  /** Added to the file's (or this model's) capabilities. */
  add: capabilities.optional(),
  modalities: modalitiesSchema.optional(),
  deprecationDate: isoDate.optional(),
  /** Where this model's price came from, when not the file's source. */
  source: priceSourceSchema.optional(),
  unconfirmed: unconfirmed.optional(),
  notes: z.string().optional(),
});

/** One data file: one provider's models, with the source its prices were read from. */
export const catalogFileSchema = z.strictObject({
  $schema: z.string().optional(),
  provider: z.string().min(1),
  source: priceSourceSchema,
  defaults: z
    .strictObject({
      capabilities: capabilities.optional(),
      modalities: modalitiesSchema.optional(),
      unconfirmed: unconfirmed.optional(),
    })
    .optional(),
  models: z.array(catalogModelSchema),
});

export type CatalogFile = z.output<typeof catalogFileSchema>;
export type CatalogModelData = z.output<typeof catalogModelSchema>;
export type PriceSource = z.output<typeof priceSourceSchema>;
export type PricesData = z.output<typeof pricesSchema>;
