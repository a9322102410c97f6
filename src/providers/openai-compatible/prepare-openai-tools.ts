import { unsupportedFeature } from '../../core/errors/switchyard-error.js';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { ProviderFeatures } from '../../core/types/provider.js';

export interface OpenAIToolFields {
  tools?: Array<{
    type: 'function';
    function: { name: string; description?: string; parameters: Record<string, unknown>; strict?: boolean };
  }>;
  tool_choice?: 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };
  parallel_tool_calls?: boolean;
}

/** Canonical tools, tool choice and parallel flag -> their wire fields (absent when not asked for). */
export function prepareOpenAITools(
  request: Pick<ChatRequest, 'tools' | 'toolChoice' | 'parallelToolCalls'>,
  provider: string,
  features: Pick<ProviderFeatures, 'tools'>,
): OpenAIToolFields {
  const tools = request.tools ?? [];
  if (tools.length === 0) {
    // A choice without tools means nothing, except `none`, which is harmless to send.
    return request.toolChoice === 'none' && features.tools ? { tool_choice: 'none' } : {};
  }
  if (!features.tools) throw unsupportedFeature(provider, 'tools');
  const fields: OpenAIToolFields = {
    tools: tools.map((tool) => {
      const fn: NonNullable<OpenAIToolFields['tools']>[number]['function'] = {
        name: tool.name,
        parameters: tool.parameters,
      };
      if (tool.description) fn.description = tool.description;
      if (tool.strict !== undefined) fn.strict = tool.strict;
      return { type: 'function', function: fn };
    }),
  };
  const choice = request.toolChoice;
  if (choice !== undefined) {
    if (typeof choice === 'string') fields.tool_choice = choice;
    else {
      if (!tools.some((tool) => tool.name === choice.name)) {
        throw unsupportedFeature(provider, 'tool choice', `no tool named '${choice.name}'`);
      }
      fields.tool_choice = { type: 'function', function: { name: choice.name } };
    }
  }
  if (request.parallelToolCalls !== undefined) fields.parallel_tool_calls = request.parallelToolCalls;
  return fields;
}
