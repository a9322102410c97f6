import { z } from 'zod';

/**
 * The Anthropic Messages request (2023-06-01 wire format, also sent by newer dated versions).
 * Blocks are loose: `cache_control` and `citations` may ride along on any block.
 */
export const textBlock = z.object({ type: z.literal('text'), text: z.string() }).loose();
export const imageBlock = z
  .object({
    type: z.literal('image'),
    source: z.discriminatedUnion('type', [
      z.object({ type: z.literal('base64'), media_type: z.string().min(1), data: z.string().min(1) }),
      z.object({ type: z.literal('url'), url: z.string().min(1) }),
      z.object({ type: z.literal('file'), file_id: z.string() }),
    ]),
  })
  .loose();
export const toolUseBlock = z
  .object({ type: z.literal('tool_use'), id: z.string(), name: z.string(), input: z.unknown() })
  .loose();
export const toolResultBlock = z
  .object({
    type: z.literal('tool_result'),
    tool_use_id: z.string(),
    content: z.union([z.string(), z.array(z.union([textBlock, imageBlock]))]).optional(),
    is_error: z.boolean().optional(),
  })
  .loose();
export const thinkingBlock = z
  .object({ type: z.literal('thinking'), thinking: z.string(), signature: z.string().optional() })
  .loose();
export const redactedThinkingBlock = z
  .object({ type: z.literal('redacted_thinking'), data: z.string() })
  .loose();
const otherBlock = z.object({ type: z.string() }).loose();

export const anthropicContentBlockSchema = z.union([
  textBlock,
  imageBlock,
  toolUseBlock,
  toolResultBlock,
  thinkingBlock,
  redactedThinkingBlock,
  otherBlock,
]);

const message = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), z.array(anthropicContentBlockSchema)]),
});

const tool = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    input_schema: z.record(z.string(), z.unknown()).optional(),
    type: z.string().optional(),
  })
  .loose();

const toolChoice = z.object({
  type: z.enum(['auto', 'any', 'tool', 'none']),
  name: z.string().optional(),
  disable_parallel_tool_use: z.boolean().optional(),
});

const thinking = z.discriminatedUnion('type', [
  z.object({ type: z.literal('enabled'), budget_tokens: z.number().int().positive() }),
  z.object({ type: z.literal('disabled') }),
  z.object({ type: z.literal('adaptive') }).loose(),
]);

/** count_tokens takes the same fields as create, without `max_tokens`. */
export const anthropicCountTokensSchema = z
  .object({
    model: z.string().min(1),
    messages: z.array(message).min(1),
    system: z.union([z.string(), z.array(textBlock)]).optional(),
    tools: z.array(tool).optional(),
    tool_choice: toolChoice.optional(),
    thinking: thinking.optional(),
  })
  .loose();

export const anthropicMessagesRequestSchema = anthropicCountTokensSchema.extend({
  max_tokens: z.number().int().positive(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().positive().optional(),
  stop_sequences: z.array(z.string()).optional(),
  stream: z.boolean().optional(),
  metadata: z.object({ user_id: z.string().nullish() }).loose().optional(),
  service_tier: z.string().optional(),
});

export type AnthropicMessagesRequest = z.infer<typeof anthropicMessagesRequestSchema>;
export type AnthropicCountTokensRequest = z.infer<typeof anthropicCountTokensSchema>;
export type AnthropicContentBlock = z.infer<typeof anthropicContentBlockSchema>;
