import type { ToolChoice, ToolDefinition } from '../../core/types/chat-request.js';
import { cleanJsonSchemaForGemini, isEmptyObjectSchema } from './clean-json-schema-for-gemini.js';
import type { GeminiFunctionDeclaration, GeminiToolConfig } from './gemini-api-types.js';

/** Tools -> one `functionDeclarations` tool, with schemas cleaned to Gemini's subset. */
export function convertGeminiTools(
  tools: ToolDefinition[] | undefined,
): Array<{ functionDeclarations: GeminiFunctionDeclaration[] }> | undefined {
  if (!tools || tools.length === 0) return undefined;
  const functionDeclarations = tools.map((tool) => {
    const declaration: GeminiFunctionDeclaration = { name: tool.name };
    if (tool.description) declaration.description = tool.description;
    // Gemini rejects an OBJECT with empty `properties`; a tool without arguments has no parameters.
    if (!isEmptyObjectSchema(tool.parameters))
      declaration.parameters = cleanJsonSchemaForGemini(tool.parameters);
    return declaration;
  });
  return [{ functionDeclarations }];
}

/** auto/none/required/{tool} -> AUTO/NONE/ANY/ANY restricted to one function. */
export function convertGeminiToolChoice(choice: ToolChoice | undefined): GeminiToolConfig | undefined {
  if (choice === undefined) return undefined;
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.name] } };
}
