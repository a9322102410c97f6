import { unsupportedFeature } from '../../core/errors/switchyard-error.js';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { Warning } from '../../core/types/chat-result.js';
import type { CohereChatBody } from './cohere-api.js';
import { convertToCohereMessages } from './convert-to-cohere-messages.js';

/** Fields from `providerOptions`: the provider id wins over the protocol key `cohere`. */
export function cohereProviderOptions(
  providerId: string,
  options: ChatRequest['providerOptions'],
): Record<string, unknown> {
  return { ...options?.cohere, ...(providerId === 'cohere' ? {} : options?.[providerId]) };
}

function thinkingFrom(request: ChatRequest): CohereChatBody['thinking'] | undefined {
  const reasoning = request.reasoning;
  if (!reasoning) return undefined;
  if (reasoning.include === false && reasoning.effort === undefined && reasoning.budgetTokens === undefined) {
    return { type: 'disabled' };
  }
  return reasoning.budgetTokens === undefined
    ? { type: 'enabled' }
    : { type: 'enabled', token_budget: reasoning.budgetTokens };
}

/** Canonical request -> `/v2/chat` body (`p` is top-p, `k` is top-k). */
export function buildCohereChatBody(
  providerId: string,
  request: ChatRequest,
  stream: boolean,
): { body: CohereChatBody; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const body: CohereChatBody = {
    model: request.model,
    messages: convertToCohereMessages(providerId, request.messages),
    stream,
  };

  let tools = request.tools ?? [];
  const choice = request.toolChoice;
  if (choice === 'none') body.tool_choice = 'NONE';
  else if (choice === 'required') body.tool_choice = 'REQUIRED';
  else if (typeof choice === 'object') {
    // Cohere cannot name a tool; offering only that one and requiring a call has the same effect.
    tools = tools.filter((tool) => tool.name === choice.name);
    if (tools.length === 0)
      throw unsupportedFeature(providerId, 'tool choice', `no tool named ${choice.name}`);
    body.tool_choice = 'REQUIRED';
  }
  if (tools.length > 0) {
    body.tools = tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.parameters,
      },
    }));
    if (tools.some((tool) => tool.strict)) body.strict_tools = true;
  }
  if (request.parallelToolCalls === false) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'parallelToolCalls',
      message: 'Cohere cannot limit a turn to one tool call',
    });
  }

  const format = request.responseFormat;
  if (format?.type === 'json') body.response_format = { type: 'json_object' };
  else if (format?.type === 'json_schema')
    body.response_format = { type: 'json_object', json_schema: format.schema };

  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.p = request.topP;
  if (request.topK !== undefined) body.k = request.topK;
  if (request.maxOutputTokens !== undefined) body.max_tokens = request.maxOutputTokens;
  if (request.stop?.length) body.stop_sequences = request.stop;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.frequencyPenalty !== undefined) body.frequency_penalty = request.frequencyPenalty;
  if (request.presencePenalty !== undefined) body.presence_penalty = request.presencePenalty;
  const thinking = thinkingFrom(request);
  if (thinking) body.thinking = thinking;

  // Passthrough (safety_mode, documents, citation_options, priority ...), never over what the runner needs.
  Object.assign(body, cohereProviderOptions(providerId, request.providerOptions));
  body.model = request.model;
  body.stream = stream;
  return { body, warnings };
}
