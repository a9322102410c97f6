import type { ChatRequest, ReasoningOptions } from '../../core/types/chat-request.js';
import type { Warning } from '../../core/types/chat-result.js';
import type { AnthropicMessagesRequest } from './anthropic-api-types.js';
import { resolveAnthropicMaxTokens } from './anthropic-max-output-tokens.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { convertToAnthropicTools } from './convert-to-anthropic-tools.js';

/**
 * Thinking budgets for callers who give an effort level instead of a budget. Anthropic's minimum
 * budget is 1024; the rest double per level (our choice, not Anthropic's).
 */
const EFFORT_BUDGETS: Record<NonNullable<ReasoningOptions['effort']>, number> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16_384,
};

const JSON_INSTRUCTION =
  'Respond with a single valid JSON value only: no prose, no explanation and no Markdown code fences.';

export interface BuiltAnthropicRequest {
  body: AnthropicMessagesRequest;
  warnings: Warning[];
}

function thinkingBudget(reasoning: ReasoningOptions | undefined): number | undefined {
  if (!reasoning) return undefined;
  if (reasoning.budgetTokens !== undefined) return reasoning.budgetTokens;
  return reasoning.effort === undefined ? undefined : EFFORT_BUDGETS[reasoning.effort];
}

function ignored(setting: string, why: string): Warning {
  return { type: 'unsupported-setting', setting, message: `${setting} ignored: ${why}` };
}

/** Canonical request -> `POST /v1/messages` body. Pure; throws `unsupported` for what cannot be sent. */
export function buildAnthropicRequest(
  providerId: string,
  request: ChatRequest,
  stream: boolean,
): BuiltAnthropicRequest {
  const prompt = convertToAnthropicMessages(providerId, request.messages);
  const warnings: Warning[] = [...prompt.warnings];
  const budget = thinkingBudget(request.reasoning);
  const tools = convertToAnthropicTools(providerId, request, budget !== undefined);
  warnings.push(...tools.warnings);

  let system = prompt.system;
  if (request.responseFormat?.type === 'json') {
    system = system ? `${system}\n\n${JSON_INSTRUCTION}` : JSON_INSTRUCTION;
    warnings.push({
      type: 'other',
      setting: 'responseFormat',
      message: 'Anthropic has no JSON mode; JSON was asked for in the system prompt',
    });
  }

  const body: AnthropicMessagesRequest = {
    model: request.model,
    max_tokens: resolveAnthropicMaxTokens(request.model, request.maxOutputTokens, budget, stream),
    messages: prompt.messages,
  };
  if (system !== undefined) body.system = system;
  if (request.temperature !== undefined) {
    // Anthropic's range is 0..1 where OpenAI's is 0..2; clamp rather than fail a portable request.
    body.temperature = Math.min(request.temperature, 1);
    if (request.temperature > 1) {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'temperature',
        message: `temperature ${request.temperature} is above Anthropic's maximum of 1 and was clamped to 1`,
      });
    }
  }
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined) body.top_k = request.topK;
  if (request.stop && request.stop.length > 0) body.stop_sequences = request.stop;
  if (tools.tools) body.tools = tools.tools;
  if (tools.tool_choice) body.tool_choice = tools.tool_choice;
  if (budget !== undefined) body.thinking = { type: 'enabled', budget_tokens: budget };
  if (request.metadata?.user !== undefined) body.metadata = { user_id: request.metadata.user };
  if (stream) body.stream = true;

  if (request.seed !== undefined) warnings.push(ignored('seed', 'Anthropic has no seed'));
  if (request.frequencyPenalty !== undefined) {
    warnings.push(ignored('frequencyPenalty', 'Anthropic has no frequency penalty'));
  }
  if (request.presencePenalty !== undefined) {
    warnings.push(ignored('presencePenalty', 'Anthropic has no presence penalty'));
  }

  // Passthrough last, so callers can reach fields Switchyard does not model (service_tier,
  // cache_control on tools...). The provider id wins over the protocol name.
  const options = request.providerOptions;
  Object.assign(body, options?.anthropic);
  if (providerId !== 'anthropic') Object.assign(body, options?.[providerId]);
  return { body, warnings };
}
