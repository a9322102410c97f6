import { unsupportedFeature } from '../../core/errors/switchyard-error.js';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { Warning } from '../../core/types/chat-result.js';
import { convertToOllamaMessages } from './convert-to-ollama-messages.js';
import type { OllamaChatBody } from './ollama-api.js';

/** Fields from `providerOptions`: the provider id wins over the protocol key `ollama`. */
export function ollamaProviderOptions(providerId: string, options: ChatRequest['providerOptions']) {
  return { ...options?.ollama, ...(providerId === 'ollama' ? {} : options?.[providerId]) };
}

function thinkFrom(request: ChatRequest, warnings: Warning[]): OllamaChatBody['think'] | undefined {
  const reasoning = request.reasoning;
  if (!reasoning) return undefined;
  if (reasoning.include === false && reasoning.effort === undefined) return false;
  if (reasoning.budgetTokens !== undefined) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'reasoning.budgetTokens',
      message: 'Ollama has no thinking budget; thinking is turned on without one',
    });
  }
  // gpt-oss takes levels; Ollama has no `minimal`, the nearest is `low`.
  if (reasoning.effort) return reasoning.effort === 'minimal' ? 'low' : reasoning.effort;
  return true;
}

/** Canonical request -> `/api/chat` body. Runtime parameters live under `options`. */
export function buildOllamaChatBody(
  providerId: string,
  request: ChatRequest,
  stream: boolean,
): { body: OllamaChatBody; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const body: OllamaChatBody = {
    model: request.model,
    messages: convertToOllamaMessages(providerId, request.messages),
    stream,
  };

  const choice = request.toolChoice;
  if (choice !== undefined && choice !== 'auto' && choice !== 'none') {
    throw unsupportedFeature(providerId, 'tool choice', 'Ollama cannot force a tool call');
  }
  // `none` is honoured by not offering the tools at all.
  if (request.tools?.length && choice !== 'none') {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.parameters,
      },
    }));
  }
  if (request.parallelToolCalls === false) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'parallelToolCalls',
      message: 'Ollama cannot limit a turn to one tool call',
    });
  }

  const format = request.responseFormat;
  if (format?.type === 'json') body.format = 'json';
  else if (format?.type === 'json_schema') body.format = format.schema;

  const options: Record<string, unknown> = {};
  if (request.temperature !== undefined) options.temperature = request.temperature;
  if (request.topP !== undefined) options.top_p = request.topP;
  if (request.topK !== undefined) options.top_k = request.topK;
  if (request.maxOutputTokens !== undefined) options.num_predict = request.maxOutputTokens;
  if (request.stop?.length) options.stop = request.stop;
  if (request.seed !== undefined) options.seed = request.seed;
  if (request.frequencyPenalty !== undefined) options.frequency_penalty = request.frequencyPenalty;
  if (request.presencePenalty !== undefined) options.presence_penalty = request.presencePenalty;

  const think = thinkFrom(request, warnings);
  if (think !== undefined) body.think = think;

  // Passthrough (keep_alive, truncate, options.num_ctx ...); `options` merges rather than replaces.
  const { options: extraOptions, ...extra } = ollamaProviderOptions(providerId, request.providerOptions);
  Object.assign(body, extra);
  if (extraOptions && typeof extraOptions === 'object') Object.assign(options, extraOptions);
  if (Object.keys(options).length > 0) body.options = options;
  body.stream = stream;
  body.model = request.model;
  return { body, warnings };
}
