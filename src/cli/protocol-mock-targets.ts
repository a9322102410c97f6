import { openAICompatibleDefinitions } from '../providers/openai-compatible/openai-compatible-definitions.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import { startAnthropicMockServer } from '../testing/anthropic/anthropic-mock-server.js';
import { startCohereMockServer } from '../testing/cohere/cohere-mock-server.js';
import { startGeminiMockServer } from '../testing/gemini/gemini-mock-server.js';
import type { MockHttpServer } from '../testing/mock-http-server.js';
import { startOllamaMockServer } from '../testing/ollama/ollama-mock-server.js';
import { startOpenAIMockServer } from '../testing/openai-mock-server.js';

/**
 * One provider reached over its real wire protocol through a loopback mock server: how to start the
 * server, and the environment that points the provider at it, as a user would set it.
 */
export interface ProtocolMockTarget {
  /** Model id as typed on the command line. */
  modelId: string;
  /** The variable whose value is the key (so a test can check it never leaks). */
  keyVariable?: string;
  start(key: string): Promise<MockHttpServer>;
  env(origin: string, key: string): Record<string, string>;
}

/** Every protocol with a mock server, and compatible presets (hosted and local). Add one per protocol. */
export const PROTOCOL_MOCK_TARGETS: ProtocolMockTarget[] = [
  {
    modelId: 'openai/gpt-4o-mini',
    keyVariable: 'OPENAI_API_KEY',
    start: (apiKey) => startOpenAIMockServer({ apiKey }),
    env: (origin, key) => ({ OPENAI_API_KEY: key, OPENAI_BASE_URL: `${origin}/v1` }),
  },
  {
    modelId: 'groq/llama-3.3-70b-versatile',
    keyVariable: 'GROQ_API_KEY',
    start: (apiKey) => startOpenAIMockServer({ apiKey, models: ['llama-3.3-70b-versatile'] }),
    env: (origin, key) => ({ GROQ_API_KEY: key, GROQ_BASE_URL: `${origin}/v1` }),
  },
  {
    modelId: 'lmstudio/qwen2.5-7b-instruct',
    start: () => startOpenAIMockServer({ models: ['qwen2.5-7b-instruct'] }),
    env: (origin) => ({ LMSTUDIO_BASE_URL: `${origin}/v1` }),
  },
  {
    modelId: 'anthropic/claude-sonnet-4-5-20250929',
    keyVariable: 'ANTHROPIC_API_KEY',
    start: (apiKey) => startAnthropicMockServer({ apiKey }),
    // As in the official SDK: the origin, without /v1.
    env: (origin, key) => ({ ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: origin }),
  },
  {
    modelId: 'gemini/gemini-2.5-flash',
    keyVariable: 'GEMINI_API_KEY',
    start: (apiKey) => startGeminiMockServer({ apiKey }),
    env: (origin, key) => ({ GEMINI_API_KEY: key, GEMINI_BASE_URL: origin }),
  },
  {
    modelId: 'ollama/llama3.2',
    start: () => startOllamaMockServer(),
    env: (origin) => ({ OLLAMA_HOST: origin }),
  },
  {
    modelId: 'cohere/command-a-03-2025',
    keyVariable: 'COHERE_API_KEY',
    start: (apiKey) => startCohereMockServer({ apiKey }),
    env: (origin, key) => ({ COHERE_API_KEY: key, COHERE_BASE_URL: origin }),
  },
];

const COVERED = new Set(PROTOCOL_MOCK_TARGETS.map((target) => target.modelId.split('/')[0]));

/** A compatible preset reached through its own variables, answered by the OpenAI mock server. */
function presetTarget(definition: ProviderDefinition): ProtocolMockTarget {
  const keyVariable = definition.registersWhen === 'api-key' ? definition.apiKeyEnv[0] : undefined;
  const urlVariable = definition.baseUrlEnv.at(-1)!;
  // Azure's endpoint is the resource origin (deployments live under /openai/deployments/<name>).
  const urlFor = (origin: string) => (definition.id === 'azure' ? origin : `${origin}/v1`);
  return {
    modelId: `${definition.id}/gpt-4o-mini`,
    keyVariable,
    start: (apiKey) => startOpenAIMockServer({ apiKey: keyVariable ? apiKey : undefined }),
    env: (origin, key) => ({ ...(keyVariable ? { [keyVariable]: key } : {}), [urlVariable]: urlFor(origin) }),
  };
}

/** Every other OpenAI-compatible preset, so each one's variables and URL layout are exercised. */
export const PRESET_MOCK_TARGETS: ProtocolMockTarget[] = openAICompatibleDefinitions
  .filter((definition) => !COVERED.has(definition.id))
  .map(presetTarget);
