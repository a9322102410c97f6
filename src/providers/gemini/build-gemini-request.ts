import type { ChatRequest } from '../../core/types/chat-request.js';
import type { Warning } from '../../core/types/chat-result.js';
import { isPlainObject } from '../../core/types/is-plain-object.js';
import { buildGeminiGenerationConfig } from './build-gemini-generation-config.js';
import { convertGeminiToolChoice, convertGeminiTools } from './convert-gemini-tools.js';
import { convertToGeminiContents } from './convert-to-gemini-contents.js';
import type { GeminiGenerateContentRequest } from './gemini-api-types.js';

/** Canonical request -> `generateContent` body, with warnings for settings Gemini lacks. */
export function buildGeminiRequest(
  request: ChatRequest,
  providerId = 'gemini',
): { body: GeminiGenerateContentRequest; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const { contents, systemInstruction } = convertToGeminiContents(request.messages, providerId);
  const body: GeminiGenerateContentRequest = { contents };
  if (systemInstruction) body.systemInstruction = systemInstruction;
  const tools = convertGeminiTools(request.tools);
  if (tools) {
    body.tools = tools;
    const toolConfig = convertGeminiToolChoice(request.toolChoice);
    if (toolConfig) body.toolConfig = toolConfig;
  }
  const generationConfig = buildGeminiGenerationConfig(request, warnings);
  if (generationConfig) body.generationConfig = generationConfig;
  if (request.parallelToolCalls === false) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'parallelToolCalls',
      message: 'gemini has no switch for parallel function calls; the model may still make several',
    });
  }
  const options = mergeDeep(
    request.providerOptions?.gemini ?? {},
    providerId === 'gemini' ? {} : (request.providerOptions?.[providerId] ?? {}),
  );
  return { body: mergeDeep(body, options) as GeminiGenerateContentRequest, warnings };
}

/**
 * Provider options are wire fields merged over the built body; nested objects merge (so
 * `{generationConfig:{thinkingConfig:{...}}}` keeps the temperature), anything else replaces.
 */
export function mergeDeep(
  base: Record<string, unknown>,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? mergeDeep(current, value) : value;
  }
  return out;
}
