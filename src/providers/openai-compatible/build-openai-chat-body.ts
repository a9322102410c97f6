import type { ChatRequest } from '../../core/types/chat-request.js';
import type { Warning } from '../../core/types/chat-result.js';
import type { ProviderFeatures } from '../../core/types/provider.js';
import { convertOpenAIResponseFormat } from './convert-openai-response-format.js';
import { convertToOpenAIMessages } from './convert-to-openai-messages.js';
import type { OpenAICompatibleQuirks } from './openai-quirks.js';
import { prepareOpenAITools } from './prepare-openai-tools.js';

export interface ChatBodyContext {
  provider: string;
  features: ProviderFeatures;
  quirks: OpenAICompatibleQuirks;
  /** Azure takes the model from the deployment in the URL; the body field is then left out. */
  modelInUrl?: boolean;
}

function unsupportedSetting(setting: string, provider: string, detail = ''): Warning {
  return {
    type: 'unsupported-setting',
    setting,
    message: `${provider} does not support ${setting}; it was not sent${detail}`,
  };
}

/**
 * Merges `providerOptions.openai` then `providerOptions[provider]` over the body: the provider id
 * wins, and both win over what Switchyard built, since they are the caller's explicit wire fields.
 */
export function mergeProviderOptions(
  body: Record<string, unknown>,
  providerOptions: ChatRequest['providerOptions'],
  provider: string,
): Record<string, unknown> {
  if (!providerOptions) return body;
  return { ...body, ...providerOptions.openai, ...providerOptions[provider] };
}

/** Canonical request -> chat completions body, with a warning for each setting left out. */
export function buildOpenAIChatBody(
  request: ChatRequest,
  stream: boolean,
  context: ChatBodyContext,
): { body: Record<string, unknown>; warnings: Warning[] } {
  const { provider, features, quirks } = context;
  const warnings: Warning[] = [];
  const body: Record<string, unknown> = {};
  if (!context.modelInUrl) body.model = request.model;
  body.messages = convertToOpenAIMessages(request.messages, {
    provider,
    features,
    reasoningInHistory: quirks.reasoningInHistory,
  });
  Object.assign(body, prepareOpenAITools(request, provider, features));
  const responseFormat = convertOpenAIResponseFormat(request.responseFormat, provider, features);
  if (responseFormat) body.response_format = responseFormat;

  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined) {
    if (quirks.topK) body.top_k = request.topK;
    else warnings.push(unsupportedSetting('topK', provider));
  }
  const optional: Array<[OpenAICompatibleQuirks['unsupportedSettings'][number], string, unknown]> = [
    ['frequencyPenalty', 'frequency_penalty', request.frequencyPenalty],
    ['presencePenalty', 'presence_penalty', request.presencePenalty],
    ['seed', quirks.seedField, request.seed],
    ['stop', 'stop', request.stop && request.stop.length > 0 ? request.stop : undefined],
  ];
  for (const [setting, field, value] of optional) {
    if (value === undefined) continue;
    if (quirks.unsupportedSettings.includes(setting)) warnings.push(unsupportedSetting(setting, provider));
    else body[field] = value;
  }
  if (request.maxOutputTokens !== undefined) body[quirks.maxTokensField] = request.maxOutputTokens;
  applyReasoning(body, request, context, warnings);
  if (request.metadata?.user) body.user = request.metadata.user;

  if (stream) {
    body.stream = true;
    if (quirks.streamUsage) body.stream_options = { include_usage: true };
  }
  return { body: mergeProviderOptions(body, request.providerOptions, provider), warnings };
}

function applyReasoning(
  body: Record<string, unknown>,
  request: ChatRequest,
  context: ChatBodyContext,
  warnings: Warning[],
): void {
  const reasoning = request.reasoning;
  if (!reasoning) return;
  const { provider, quirks, features } = context;
  const asked = reasoning.effort !== undefined || reasoning.budgetTokens !== undefined;
  if (!asked && reasoning.include !== false) return;
  if (!features.reasoning || quirks.reasoning === 'none') {
    if (asked) warnings.push(unsupportedSetting('reasoning', provider));
    return;
  }
  if (quirks.reasoning === 'reasoning-object') {
    const object: Record<string, unknown> = {};
    if (reasoning.effort) object.effort = reasoning.effort;
    if (reasoning.budgetTokens !== undefined) object.max_tokens = reasoning.budgetTokens;
    if (reasoning.include === false) object.exclude = true;
    body.reasoning = object;
    return;
  }
  if (reasoning.effort) body.reasoning_effort = reasoning.effort;
  if (reasoning.budgetTokens !== undefined) {
    warnings.push(unsupportedSetting('reasoning.budgetTokens', provider, ' (it takes an effort level)'));
  }
}
