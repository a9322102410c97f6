import type { z } from 'zod';
import { flag, listOf, name, section } from '../config/schema-helpers.js';

/**
 * `catalog:` in switchyard.yaml (for the lead to add to the config schema): files layered over
 * the built-in model data, and how the pre-flight check counts.
 *
 * @example
 * catalog:
 *   files: [./models.yaml, ./model_prices_and_context_window.json]
 *   builtin: true
 *   preflight: { enabled: true, reserve_output: false }
 */
export const catalogConfigSchema = section({
  /** Switchyard data files (JSON/YAML) or LiteLLM price files, relative to the config file. */
  files: listOf(name).optional(),
  /** Start from the built-in data. Default true. */
  builtin: flag.optional(),
  preflight: section({
    /** Refuse a request that cannot fit a candidate's context window before sending it. Default true. */
    enabled: flag.optional(),
    /** Count the requested max output tokens inside the window too. Default false. */
    reserveOutput: flag.optional(),
  }).optional(),
});

export type CatalogConfig = z.output<typeof catalogConfigSchema>;
