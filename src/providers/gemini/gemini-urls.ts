import { unsupportedFeature } from '../../core/errors/switchyard-error.js';

/**
 * URLs of the Gemini API. The base URL is the host (as the genai SDK takes it); one that already
 * ends in an API version (`.../v1beta`, `.../v1`) is used as it is, so proxies that mount the API
 * under a path keep working. The key travels in a header, never in the URL, so URLs are safe to log.
 */
export function geminiApiRoot(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return /\/v1(alpha|beta)?\d*$/.test(trimmed) ? trimmed : `${trimmed}/v1beta`;
}

/** `gemini-2.5-flash` -> `models/gemini-2.5-flash`; `tunedModels/x` and `models/x` stay as they are. */
export function geminiModelResource(model: string): string {
  if (!/^[A-Za-z0-9._\-/]+$/.test(model) || model.includes('..')) {
    throw unsupportedFeature('gemini', 'model id', `"${model}" is not a valid Gemini model name`);
  }
  return model.includes('/') ? model : `models/${model}`;
}

export function geminiMethodUrl(baseUrl: string, model: string, method: string): string {
  return `${geminiApiRoot(baseUrl)}/${geminiModelResource(model)}:${method}`;
}

export function geminiHeaders(
  apiKey: string | undefined,
  extra?: Record<string, string>,
): Record<string, string> {
  return { ...extra, ...(apiKey ? { 'x-goog-api-key': apiKey } : {}) };
}
