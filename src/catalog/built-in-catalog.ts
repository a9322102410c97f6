import { buildCatalogEntries } from './build-catalog-entries.js';
import type { CatalogEntry } from './catalog-entry.js';
import anthropic from './data/anthropic.json' with { type: 'json' };
import cerebras from './data/cerebras.json' with { type: 'json' };
import cohere from './data/cohere.json' with { type: 'json' };
import deepinfra from './data/deepinfra.json' with { type: 'json' };
import deepseek from './data/deepseek.json' with { type: 'json' };
import fireworks from './data/fireworks.json' with { type: 'json' };
import gemini from './data/gemini.json' with { type: 'json' };
import groq from './data/groq.json' with { type: 'json' };
import mistral from './data/mistral.json' with { type: 'json' };
import ollama from './data/ollama.json' with { type: 'json' };
import openai from './data/openai.json' with { type: 'json' };
import openrouter from './data/openrouter.json' with { type: 'json' };
import perplexity from './data/perplexity.json' with { type: 'json' };
import together from './data/together.json' with { type: 'json' };
import xai from './data/xai.json' with { type: 'json' };
import { parseCatalogFile } from './parse-catalog-file.js';

/**
 * The data files shipped with the package. Imported (not read from disk) so tsc copies them into
 * dist and bundlers see them; each is validated like a user's file.
 */
const FILES: Record<string, unknown> = {
  openai,
  anthropic,
  gemini,
  deepseek,
  xai,
  groq,
  mistral,
  cohere,
  together,
  fireworks,
  openrouter,
  perplexity,
  cerebras,
  deepinfra,
  ollama,
};

let cached: CatalogEntry[] | undefined;

/** Every built-in entry, validated once per process. */
export function builtInCatalogEntries(): CatalogEntry[] {
  cached ??= Object.entries(FILES).flatMap(([name, data]) =>
    buildCatalogEntries(parseCatalogFile(data, `built-in:${name}.json`), 'built-in'),
  );
  return cached;
}
