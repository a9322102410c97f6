import { unsupportedFeature } from '../../core/errors/switchyard-error.js';
import type { ChatRequest, JsonSchema, ToolDefinition } from '../../core/types/chat-request.js';
import type { Warning } from '../../core/types/chat-result.js';
import type { AnthropicTool, AnthropicToolChoice } from './anthropic-api-types.js';

/**
 * The 2023-06-01 API has no JSON-schema response format, so `json_schema` is served by the
 * established technique: one extra tool whose input schema is the wanted schema, forced with
 * `tool_choice`, whose input becomes the answer text. This is that tool's name for a request, or
 * undefined when the request does not ask for a schema. A user tool of the same name moves it aside.
 */
export function anthropicJsonToolName(request: ChatRequest): string | undefined {
  if (request.responseFormat?.type !== 'json_schema') return undefined;
  const taken = new Set((request.tools ?? []).map((tool) => tool.name));
  return taken.has('json') ? 'json_response' : 'json';
}

export interface AnthropicToolsPart {
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  warnings: Warning[];
}

export function convertToAnthropicTools(
  provider: string,
  request: ChatRequest,
  thinkingEnabled: boolean,
): AnthropicToolsPart {
  const warnings: Warning[] = [];
  const userTools = (request.tools ?? []).map((tool) => convertTool(tool, warnings));
  const jsonTool = anthropicJsonToolName(request);
  const choice = request.toolChoice;

  if (jsonTool === undefined) {
    if (userTools.length === 0) return { warnings };
    return { tools: userTools, tool_choice: toolChoice(choice, request.parallelToolCalls), warnings };
  }

  const format = request.responseFormat as Extract<ChatRequest['responseFormat'], { type: 'json_schema' }>;
  if (format.schema.type !== undefined && format.schema.type !== 'object') {
    throw unsupportedFeature(provider, 'json_schema whose root is not an object');
  }
  if (typeof choice === 'object') {
    throw unsupportedFeature(provider, 'responseFormat json_schema together with a forced tool choice');
  }
  const answerTool: AnthropicTool = {
    name: jsonTool,
    description: format.description ?? 'Respond with a JSON object that matches the input schema.',
    input_schema: objectSchema(format.schema),
  };
  // With tool_choice "none" the user's tools cannot be called anyway; only the answer tool remains.
  const tools = choice === 'none' ? [answerTool] : [...userTools, answerTool];
  if (thinkingEnabled) {
    // Extended thinking rejects forced tool use (`any` / `tool`), so the tool is offered, not forced.
    warnings.push({
      type: 'other',
      setting: 'responseFormat',
      message: 'with thinking enabled the JSON answer tool cannot be forced; the model may answer in text',
    });
    return { tools, tool_choice: toolChoice('auto', request.parallelToolCalls), warnings };
  }
  const forced: AnthropicToolChoice = tools.length === 1 ? { type: 'tool', name: jsonTool } : { type: 'any' };
  if (request.parallelToolCalls === false) forced.disable_parallel_tool_use = true;
  return { tools, tool_choice: forced, warnings };
}

function convertTool(tool: ToolDefinition, warnings: Warning[]): AnthropicTool {
  if (tool.strict) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'strict',
      message: `tool ${tool.name}: strict schemas are not part of the 2023-06-01 Messages API`,
    });
  }
  const converted: AnthropicTool = { name: tool.name, input_schema: objectSchema(tool.parameters) };
  if (tool.description !== undefined) converted.description = tool.description;
  return converted;
}

/** `input_schema` must say `type: "object"`; an empty schema means "no arguments". */
function objectSchema(schema: JsonSchema | undefined): JsonSchema {
  if (!schema || Object.keys(schema).length === 0) return { type: 'object', properties: {} };
  return schema.type === undefined ? { type: 'object', ...schema } : schema;
}

function toolChoice(
  choice: ChatRequest['toolChoice'],
  parallelToolCalls: boolean | undefined,
): AnthropicToolChoice {
  let mapped: AnthropicToolChoice;
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') mapped = { type: 'any' };
  else if (typeof choice === 'object') mapped = { type: 'tool', name: choice.name };
  else mapped = { type: 'auto' };
  if (parallelToolCalls === false) mapped.disable_parallel_tool_use = true;
  return mapped;
}
