import type { ProviderFeatures } from '../../core/types/provider.js';
import type { ProviderDefinition } from '../provider-definition.js';
import type { OpenAICompatibleQuirks } from './openai-quirks.js';

/**
 * One OpenAI-compatible provider as data. Adding a provider is adding an entry here: base URL, the
 * environment variables (with the official SDK's meaning: a `*_BASE_URL` includes the `/v1`),
 * honest features, and the quirks where it departs from OpenAI.
 */
export interface OpenAICompatiblePreset {
  id: string;
  displayName: string;
  /** Absent when the user must give one (Azure). */
  baseUrl?: string;
  apiKeyEnv: string[];
  baseUrlEnv: string[];
  registersWhen: ProviderDefinition['registersWhen'];
  features: ProviderFeatures;
  quirks?: Partial<OpenAICompatibleQuirks>;
  /** `azure`: deployment URLs with `api-version`; otherwise the plain `/chat/completions` layout. */
  layout?: 'standard' | 'azure';
  /** A local server: a base URL given without a path gets `/v1`. */
  local?: boolean;
  defaultHeaders?: Record<string, string>;
  source: { url: string; checked: string };
  notes?: string;
}

const ALL: ProviderFeatures = {
  streaming: true,
  tools: true,
  structuredOutput: true,
  jsonMode: true,
  vision: true,
  embeddings: true,
  reasoning: true,
};
const NO_EMBEDDINGS: ProviderFeatures = { ...ALL, embeddings: false };
/** Local servers vary by model; the server says no when a model cannot do something. */
const LOCAL: ProviderFeatures = ALL;
const CHECKED = '2026-11-21';

export const OPENAI_COMPATIBLE_PRESETS: OpenAICompatiblePreset[] = [
  {
    id: 'openai',
    displayName: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    apiKeyEnv: ['OPENAI_API_KEY'],
    baseUrlEnv: ['OPENAI_BASE_URL'],
    registersWhen: 'api-key',
    features: ALL,
    quirks: { maxTokensField: 'max_completion_tokens' },
    source: { url: 'https://platform.openai.com/docs/api-reference/chat/create', checked: CHECKED },
  },
  {
    id: 'azure',
    displayName: 'Azure OpenAI',
    apiKeyEnv: ['AZURE_OPENAI_API_KEY'],
    baseUrlEnv: ['AZURE_OPENAI_BASE_URL', 'AZURE_OPENAI_ENDPOINT'],
    registersWhen: 'api-key',
    features: ALL,
    quirks: { maxTokensField: 'max_completion_tokens', auth: 'api-key' },
    layout: 'azure',
    source: { url: 'https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference', checked: CHECKED },
    notes:
      'Model id = deployment name. api-version from options.apiVersion, AZURE_OPENAI_API_VERSION or OPENAI_API_VERSION (default 2024-10-21); a base URL ending in /openai/v1 uses the v1 API.',
  },
  {
    id: 'groq',
    displayName: 'Groq',
    baseUrl: 'https://api.groq.com/openai/v1',
    apiKeyEnv: ['GROQ_API_KEY'],
    baseUrlEnv: ['GROQ_BASE_URL'],
    registersWhen: 'api-key',
    features: NO_EMBEDDINGS,
    quirks: { maxTokensField: 'max_completion_tokens' },
    source: { url: 'https://console.groq.com/docs/api-reference', checked: CHECKED },
    notes: 'Stream usage also arrives as x_groq.usage; reasoning text in `reasoning`.',
  },
  {
    id: 'deepseek',
    displayName: 'DeepSeek',
    baseUrl: 'https://api.deepseek.com',
    apiKeyEnv: ['DEEPSEEK_API_KEY'],
    baseUrlEnv: ['DEEPSEEK_BASE_URL'],
    registersWhen: 'api-key',
    features: { ...ALL, structuredOutput: false, vision: false, embeddings: false },
    quirks: { reasoning: 'none', reasoningInHistory: true },
    source: { url: 'https://api-docs.deepseek.com/api/create-chat-completion', checked: CHECKED },
    notes: 'deepseek-reasoner always thinks (reasoning_content); cache as prompt_cache_hit/miss_tokens.',
  },
  {
    id: 'xai',
    displayName: 'xAI',
    baseUrl: 'https://api.x.ai/v1',
    apiKeyEnv: ['XAI_API_KEY'],
    baseUrlEnv: ['XAI_BASE_URL'],
    registersWhen: 'api-key',
    features: NO_EMBEDDINGS,
    source: { url: 'https://docs.x.ai/docs/api-reference', checked: CHECKED },
  },
  {
    id: 'together',
    displayName: 'Together AI',
    baseUrl: 'https://api.together.xyz/v1',
    apiKeyEnv: ['TOGETHER_API_KEY'],
    baseUrlEnv: ['TOGETHER_BASE_URL'],
    registersWhen: 'api-key',
    features: ALL,
    quirks: { topK: true },
    source: { url: 'https://docs.together.ai/reference/chat-completions-1', checked: CHECKED },
  },
  {
    id: 'fireworks',
    displayName: 'Fireworks AI',
    baseUrl: 'https://api.fireworks.ai/inference/v1',
    apiKeyEnv: ['FIREWORKS_API_KEY'],
    baseUrlEnv: ['FIREWORKS_BASE_URL'],
    registersWhen: 'api-key',
    features: ALL,
    quirks: { topK: true },
    source: { url: 'https://docs.fireworks.ai/api-reference/post-chatcompletions', checked: CHECKED },
  },
  {
    id: 'openrouter',
    displayName: 'OpenRouter',
    baseUrl: 'https://openrouter.ai/api/v1',
    apiKeyEnv: ['OPENROUTER_API_KEY'],
    baseUrlEnv: ['OPENROUTER_BASE_URL'],
    registersWhen: 'api-key',
    features: ALL,
    quirks: { reasoning: 'reasoning-object', topK: true },
    source: { url: 'https://openrouter.ai/docs/api-reference/overview', checked: CHECKED },
    notes:
      'Attribution headers HTTP-Referer / X-Title from options.appUrl / options.appName or OPENROUTER_APP_URL / OPENROUTER_APP_NAME.',
  },
  {
    id: 'perplexity',
    displayName: 'Perplexity',
    baseUrl: 'https://api.perplexity.ai',
    apiKeyEnv: ['PERPLEXITY_API_KEY'],
    baseUrlEnv: ['PERPLEXITY_BASE_URL'],
    registersWhen: 'api-key',
    features: { ...ALL, tools: false, embeddings: false, jsonMode: false },
    source: { url: 'https://docs.perplexity.ai/api-reference/chat-completions-post', checked: CHECKED },
    notes: 'No tool calling; reasoning models put <think> in the content; citations are not mapped.',
  },
  {
    id: 'mistral',
    displayName: 'Mistral',
    baseUrl: 'https://api.mistral.ai/v1',
    apiKeyEnv: ['MISTRAL_API_KEY'],
    baseUrlEnv: ['MISTRAL_BASE_URL'],
    registersWhen: 'api-key',
    features: ALL,
    quirks: { seedField: 'random_seed' },
    source: { url: 'https://docs.mistral.ai/api/', checked: CHECKED },
    notes: 'Tool-call ids sent back must be 9 alphanumerics; finish model_length means the context filled.',
  },
  {
    id: 'cerebras',
    displayName: 'Cerebras',
    baseUrl: 'https://api.cerebras.ai/v1',
    apiKeyEnv: ['CEREBRAS_API_KEY'],
    baseUrlEnv: ['CEREBRAS_BASE_URL'],
    registersWhen: 'api-key',
    features: { ...NO_EMBEDDINGS, vision: false },
    quirks: {
      maxTokensField: 'max_completion_tokens',
      unsupportedSettings: ['frequencyPenalty', 'presencePenalty'],
    },
    source: { url: 'https://inference-docs.cerebras.ai/api-reference/chat-completions', checked: CHECKED },
  },
  {
    id: 'deepinfra',
    displayName: 'DeepInfra',
    baseUrl: 'https://api.deepinfra.com/v1/openai',
    apiKeyEnv: ['DEEPINFRA_API_KEY'],
    baseUrlEnv: ['DEEPINFRA_BASE_URL'],
    registersWhen: 'api-key',
    features: ALL,
    quirks: { topK: true },
    source: { url: 'https://deepinfra.com/docs/openai_api', checked: CHECKED },
  },
  {
    id: 'huggingface',
    displayName: 'Hugging Face Inference Providers',
    baseUrl: 'https://router.huggingface.co/v1',
    apiKeyEnv: ['HF_API_KEY', 'HF_TOKEN'],
    baseUrlEnv: ['HF_BASE_URL'],
    registersWhen: 'api-key',
    features: NO_EMBEDDINGS,
    source: { url: 'https://huggingface.co/docs/inference-providers/index', checked: CHECKED },
    notes: 'Model ids may carry a provider suffix (openai/gpt-oss-120b:cerebras).',
  },
  {
    id: 'lmstudio',
    displayName: 'LM Studio',
    baseUrl: 'http://localhost:1234/v1',
    apiKeyEnv: ['LMSTUDIO_API_KEY'],
    baseUrlEnv: ['LMSTUDIO_BASE_URL'],
    registersWhen: 'base-url',
    features: LOCAL,
    local: true,
    source: { url: 'https://lmstudio.ai/docs/app/api/endpoints/openai', checked: CHECKED },
  },
  {
    id: 'vllm',
    displayName: 'vLLM',
    baseUrl: 'http://localhost:8000/v1',
    apiKeyEnv: ['VLLM_API_KEY'],
    baseUrlEnv: ['VLLM_BASE_URL'],
    registersWhen: 'base-url',
    features: LOCAL,
    quirks: { topK: true },
    local: true,
    source: { url: 'https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html', checked: CHECKED },
  },
  {
    id: 'llamacpp',
    displayName: 'llama.cpp server',
    baseUrl: 'http://localhost:8080/v1',
    apiKeyEnv: ['LLAMACPP_API_KEY'],
    baseUrlEnv: ['LLAMACPP_BASE_URL'],
    registersWhen: 'base-url',
    features: LOCAL,
    quirks: { topK: true },
    local: true,
    source: { url: 'https://github.com/ggml-org/llama.cpp/tree/master/tools/server', checked: CHECKED },
  },
];
