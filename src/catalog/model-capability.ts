/**
 * What a model can do. The names that the router's requirement routes use (`tools`, `vision`,
 * `jsonMode`, `structuredOutput`, `streaming`, `embeddings`, `reasoning`) are the same words here,
 * so a requirement passes straight through to the catalog.
 */
export const CAPABILITIES = [
  'text',
  'chat',
  'structuredOutput',
  'jsonMode',
  'tools',
  'streaming',
  /** Image input. */
  'vision',
  'imageOutput',
  'audioInput',
  'audioOutput',
  /** A window of at least 128K tokens (derived from the window). */
  'longContext',
  /** A window of at least 1M tokens, or a larger window on request (derived). */
  'extendedContext',
  'code',
  'embeddings',
  'reasoning',
] as const;

export type ModelCapability = (typeof CAPABILITIES)[number];

export const MODALITIES = ['text', 'image', 'audio', 'video', 'pdf', 'embedding'] as const;
export type Modality = (typeof MODALITIES)[number];

/** Other spellings people type (`--capability tool-calling`), mapped to the canonical name. */
const SYNONYMS: Record<string, ModelCapability> = {
  'text-generation': 'text',
  generation: 'text',
  'structured-output': 'structuredOutput',
  structured: 'structuredOutput',
  'json-schema': 'structuredOutput',
  'json-mode': 'jsonMode',
  json: 'jsonMode',
  tool: 'tools',
  'tool-calling': 'tools',
  'function-calling': 'tools',
  functions: 'tools',
  stream: 'streaming',
  'image-input': 'vision',
  images: 'vision',
  image: 'vision',
  'image-output': 'imageOutput',
  'audio-input': 'audioInput',
  audio: 'audioInput',
  'audio-output': 'audioOutput',
  'long-context': 'longContext',
  'extended-context': 'extendedContext',
  'code-generation': 'code',
  coding: 'code',
  embedding: 'embeddings',
  embed: 'embeddings',
  thinking: 'reasoning',
};

/** The canonical capability for a name or synonym (case and `_`/`-` insensitive), or undefined. */
export function parseCapability(name: string): ModelCapability | undefined {
  const trimmed = name.trim();
  const exact = CAPABILITIES.find((capability) => capability.toLowerCase() === trimmed.toLowerCase());
  if (exact) return exact;
  return SYNONYMS[trimmed.toLowerCase().replaceAll('_', '-')];
}

/** Window sizes behind the derived capabilities. */
export const LONG_CONTEXT_TOKENS = 128_000;
export const EXTENDED_CONTEXT_TOKENS = 1_000_000;
