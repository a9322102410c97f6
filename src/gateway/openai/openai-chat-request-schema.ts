import { z } from 'zod';

/**
 * The OpenAI chat-completions request as clients send it. Only fields the gateway acts on are
 * typed; the rest are checked in the converter (rejected or passed through), so a new harmless
 * OpenAI field does not break callers.
 */
const textPart = z.object({ type: z.literal('text'), text: z.string() });
const imagePart = z.object({
  type: z.literal('image_url'),
  image_url: z.object({ url: z.string().min(1), detail: z.enum(['auto', 'low', 'high']).optional() }),
});
const refusalPart = z.object({ type: z.literal('refusal'), refusal: z.string() });
const otherPart = z.object({ type: z.string() }).loose();

const toolCall = z.object({
  id: z.string(),
  type: z.literal('function').optional(),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

const systemMessage = z.object({
  role: z.enum(['system', 'developer']),
  content: z.union([z.string(), z.array(textPart)]),
  name: z.string().optional(),
});
const userMessage = z.object({
  role: z.literal('user'),
  content: z.union([z.string(), z.array(z.union([textPart, imagePart, otherPart]))]),
  name: z.string().optional(),
});
const assistantMessage = z.object({
  role: z.literal('assistant'),
  content: z.union([z.string(), z.array(z.union([textPart, refusalPart])), z.null()]).optional(),
  tool_calls: z.array(toolCall).optional(),
  reasoning_content: z.string().nullish(),
  refusal: z.string().nullish(),
  name: z.string().optional(),
});
const toolMessage = z.object({
  role: z.literal('tool'),
  tool_call_id: z.string(),
  content: z.union([z.string(), z.array(textPart)]),
});
const functionMessage = z.object({ role: z.literal('function'), name: z.string(), content: z.unknown() });

export const openAIMessageSchema = z.discriminatedUnion('role', [
  systemMessage,
  userMessage,
  assistantMessage,
  toolMessage,
  functionMessage,
]);

export const openAIFunctionToolSchema = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});
const otherTool = z.object({ type: z.string() }).loose();

const toolChoice = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) }),
  z.object({ type: z.string() }).loose(),
]);

const responseFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: z.string().min(1),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

export const openAIChatRequestSchema = z
  .object({
    model: z.string().min(1),
    messages: z.array(openAIMessageSchema).min(1),
    stream: z.boolean().nullish(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).loose().nullish(),
    tools: z.array(z.union([openAIFunctionToolSchema, otherTool])).optional(),
    tool_choice: toolChoice.optional(),
    parallel_tool_calls: z.boolean().optional(),
    response_format: responseFormat.optional(),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    max_tokens: z.number().int().positive().nullish(),
    max_completion_tokens: z.number().int().positive().nullish(),
    stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
    seed: z.number().int().nullish(),
    n: z.number().int().positive().nullish(),
    frequency_penalty: z.number().min(-2).max(2).nullish(),
    presence_penalty: z.number().min(-2).max(2).nullish(),
    reasoning_effort: z.string().nullish(),
    user: z.string().optional(),
    safety_identifier: z.string().optional(),
    logprobs: z.boolean().nullish(),
    top_logprobs: z.number().int().nullish(),
    functions: z.unknown().optional(),
    function_call: z.unknown().optional(),
    audio: z.unknown().optional(),
    modalities: z.array(z.string()).nullish(),
  })
  .loose();

export type OpenAIChatRequest = z.infer<typeof openAIChatRequestSchema>;
export type OpenAIMessage = z.infer<typeof openAIMessageSchema>;
export type OpenAIFunctionTool = z.infer<typeof openAIFunctionToolSchema>;
