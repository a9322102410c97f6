import { SwitchyardError } from '../core/errors/switchyard-error.js';

/**
 * Splits `provider/model` at the first slash: the model part may itself contain slashes
 * (`openrouter/anthropic/claude-sonnet-4.5`, `together/meta-llama/Llama-3.3-70B-Instruct-Turbo`).
 */
export function parseModelId(modelId: string): { provider: string; model: string } {
  const slash = modelId.indexOf('/');
  if (slash <= 0 || slash === modelId.length - 1) {
    throw new SwitchyardError({
      kind: 'invalid_request',
      message: `model '${modelId}' is not of the form provider/model (for example openai/gpt-4o-mini)`,
    });
  }
  return { provider: modelId.slice(0, slash), model: modelId.slice(slash + 1) };
}
