import type { ProviderDefinition } from '../provider-definition.js';
import { createGeminiProvider, GEMINI_DEFAULT_BASE_URL } from './create-gemini-provider.js';
import { GEMINI_FEATURES } from './gemini-codec.js';

/** Google's Gemini API (AI Studio keys), native protocol. */
export const geminiDefinition: ProviderDefinition = {
  id: 'gemini',
  displayName: 'Google Gemini',
  protocol: 'gemini',
  defaultBaseUrl: GEMINI_DEFAULT_BASE_URL,
  apiKeyEnv: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  // GOOGLE_GEMINI_BASE_URL is the variable the @google/genai SDK reads.
  baseUrlEnv: ['GEMINI_BASE_URL', 'GOOGLE_GEMINI_BASE_URL'],
  registersWhen: 'api-key',
  features: GEMINI_FEATURES,
  source: { url: 'https://ai.google.dev/api/generate-content', checked: '2025-12-15' },
  notes:
    'Key sent as x-goog-api-key. Thought signatures on function calls are carried on ToolCall.signature and must be sent back. Tool results need toolName or the matching assistant call. Image URLs must be inline data, gs:// or Files API URIs.',
  create: (settings) => createGeminiProvider(settings),
};
