import { anthropicDefinition } from './anthropic/create-anthropic-provider.js';
import { cohereDefinition } from './cohere/create-cohere-provider.js';
import { geminiDefinition } from './gemini/gemini-definition.js';
import { ollamaDefinition } from './ollama/create-ollama-provider.js';
import { openAICompatibleDefinitions } from './openai-compatible/openai-compatible-definitions.js';
import type { ProviderDefinition } from './provider-definition.js';

/** Every provider Switchyard knows out of the box, in display order. */
export function builtInDefinitions(): ProviderDefinition[] {
  return [
    ...openAICompatibleDefinitions,
    anthropicDefinition,
    geminiDefinition,
    ollamaDefinition,
    cohereDefinition,
  ];
}
