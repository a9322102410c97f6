import type { Provider } from '../../core/types/provider.js';
import { HttpProvider } from '../http-provider.js';
import type { ProviderSettings } from '../protocol-codec.js';
import { createGeminiCodec } from './gemini-codec.js';

export const GEMINI_DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';

export type GeminiProviderSettings = Partial<ProviderSettings> & { apiKey?: string };

/**
 * A Gemini API provider: the Gemini codec on the shared HTTP runner.
 * @example
 * const gemini = createGeminiProvider({ apiKey: process.env.GEMINI_API_KEY });
 * const result = await gemini.chat({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createGeminiProvider(settings: GeminiProviderSettings = {}): Provider {
  const resolved: ProviderSettings = {
    ...settings,
    id: settings.id ?? 'gemini',
    baseUrl: settings.baseUrl ?? GEMINI_DEFAULT_BASE_URL,
  };
  return new HttpProvider(resolved, createGeminiCodec(resolved));
}
