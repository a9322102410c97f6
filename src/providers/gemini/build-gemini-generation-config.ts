import type { ChatRequest, ReasoningOptions } from '../../core/types/chat-request.js';
import type { Warning } from '../../core/types/chat-result.js';
import { cleanJsonSchemaForGemini } from './clean-json-schema-for-gemini.js';
import type { GeminiGenerationConfig, GeminiThinkingConfig } from './gemini-api-types.js';

/** Budgets for effort levels on Gemini 2.x, which has budgets but no `thinkingLevel`. */
const EFFORT_BUDGETS: Record<NonNullable<ReasoningOptions['effort']>, number> = {
  minimal: 128,
  low: 1024,
  medium: 8192,
  high: 24_576,
};

/** Sampling, output format and thinking settings -> `generationConfig` (undefined when empty). */
export function buildGeminiGenerationConfig(
  request: ChatRequest,
  warnings: Warning[],
): GeminiGenerationConfig | undefined {
  const config: GeminiGenerationConfig = {};
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.topK !== undefined) config.topK = request.topK;
  if (request.maxOutputTokens !== undefined) config.maxOutputTokens = request.maxOutputTokens;
  if (request.stop && request.stop.length > 0) config.stopSequences = request.stop;
  if (request.seed !== undefined) config.seed = request.seed;
  if (request.presencePenalty !== undefined) config.presencePenalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) config.frequencyPenalty = request.frequencyPenalty;

  const format = request.responseFormat;
  if (format?.type === 'json') config.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    config.responseMimeType = 'application/json';
    config.responseSchema = cleanJsonSchemaForGemini(format.schema);
  }

  if (request.reasoning) {
    config.thinkingConfig = thinkingConfig(request.model, request.reasoning, warnings);
  }
  return Object.keys(config).length > 0 ? config : undefined;
}

/**
 * Gemini 3 takes a `thinkingLevel`, Gemini 2.x a `thinkingBudget`; the API refuses both at once
 * ("You can only set only one of thinking budget and thinking level"), so a budget wins.
 */
function thinkingConfig(
  model: string,
  reasoning: ReasoningOptions,
  warnings: Warning[],
): GeminiThinkingConfig {
  const config: GeminiThinkingConfig = {};
  if (reasoning.include !== false) config.includeThoughts = true;
  const hasLevels = !/(^|\/)gemini-(1|2)\./.test(model);
  if (reasoning.budgetTokens !== undefined) {
    config.thinkingBudget = reasoning.budgetTokens;
    if (reasoning.effort !== undefined) {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'reasoning.effort',
        message: 'gemini accepts a thinking budget or a thinking level, not both; the budget was sent',
      });
    }
  } else if (reasoning.effort !== undefined) {
    if (hasLevels)
      config.thinkingLevel = reasoning.effort.toUpperCase() as GeminiThinkingConfig['thinkingLevel'];
    else config.thinkingBudget = EFFORT_BUDGETS[reasoning.effort];
  }
  return config;
}
