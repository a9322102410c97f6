import type { ToolChoice, ToolDefinition } from '../../core/types/chat-request.js';
import { invalidRequest } from '../errors/gateway-http-error.js';
import { formatPath } from '../errors/parse-request-body.js';
import { type OpenAIChatRequest, openAIFunctionToolSchema } from './openai-chat-request-schema.js';

/** Function tools -> canonical tools; a tool without parameters takes an empty object, as OpenAI's do. */
export function convertOpenAITools(tools: NonNullable<OpenAIChatRequest['tools']>): ToolDefinition[] {
  return tools.map((tool, index) => {
    if (tool.type !== 'function') {
      throw invalidRequest(`Tools of type '${tool.type}' are not supported.`, `tools[${index}].type`);
    }
    // The loose fallback in the schema accepted it: check the function shape here, naming the field.
    const parsed = openAIFunctionToolSchema.safeParse(tool);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const param = `tools[${index}].${formatPath(issue.path)}`;
      throw invalidRequest(`Invalid value for '${param}': ${issue.message}`, param);
    }
    const fn = parsed.data.function;
    const definition: ToolDefinition = {
      name: fn.name,
      parameters: fn.parameters ?? { type: 'object', properties: {} },
    };
    if (fn.description !== undefined) definition.description = fn.description;
    if (fn.strict != null) definition.strict = fn.strict;
    return definition;
  });
}

export function convertOpenAIToolChoice(choice: OpenAIChatRequest['tool_choice']): ToolChoice | undefined {
  if (choice === undefined) return undefined;
  if (typeof choice === 'string') return choice;
  const named = choice as { type: string; function?: { name?: string } };
  if (named.type === 'function' && named.function?.name) return { type: 'tool', name: named.function.name };
  throw invalidRequest(
    `tool_choice of type '${named.type}' is not supported by this gateway.`,
    'tool_choice',
  );
}
