import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { finalizeToolCall } from '../../core/stream/tool-call-assembler.js';
import type { ToolCall, Warning } from '../../core/types/chat-result.js';
import type { ChatResultCore } from '../protocol-codec.js';
import { convertOpenAIUsage, pickOpenAIUsage } from './convert-openai-usage.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import type { OpenAIWireChatResponse } from './openai-wire-types.js';
import { splitOpenAIContent } from './split-openai-content.js';

/** A non-stream chat completion -> the wire-determined part of a ChatResult. */
export function convertOpenAIChatResponse(
  body: unknown,
  context: { provider: string; model: string; requestId?: string },
): ChatResultCore {
  const response = body as OpenAIWireChatResponse;
  const choice = response?.choices?.[0];
  if (!choice?.message) {
    throw new SwitchyardError({
      kind: 'server_error',
      provider: context.provider,
      model: context.model,
      message: `${context.provider}: chat completion without choices`,
      body: JSON.stringify(body).slice(0, 2048),
    });
  }
  const message = choice.message;
  const warnings: Warning[] = [];
  const split = splitOpenAIContent(message.content);
  const reasoning = message.reasoning_content ?? message.reasoning ?? split.reasoning;
  const toolCalls: ToolCall[] = (message.tool_calls ?? []).map((call, index) =>
    finalizeToolCall(
      {
        id: call.id ?? `call_${index}`,
        name: call.function?.name ?? '',
        // Some servers (Mistral, old vLLM) send arguments as an object.
        arguments:
          typeof call.function?.arguments === 'string'
            ? call.function.arguments
            : JSON.stringify(call.function?.arguments ?? {}),
      },
      warnings,
    ),
  );
  const raw = choice.finish_reason ?? '';
  // A refusal comes with finish_reason "stop"; it is the model declining, i.e. a content filter.
  const refusal = message.refusal && split.text === '' ? message.refusal : undefined;
  const result: ChatResultCore = {
    id: response.id ?? '',
    model: response.model ?? context.model,
    text: refusal ?? split.text,
    toolCalls,
    reasoning,
    finishReason: refusal
      ? 'content_filter'
      : raw === '' && toolCalls.length > 0
        ? 'tool_calls'
        : mapOpenAIFinishReason(raw),
    rawFinishReason: raw,
    usage: convertOpenAIUsage(pickOpenAIUsage(response)),
  };
  if (warnings.length > 0) result.warnings = warnings;
  if (context.requestId) result.requestId = context.requestId;
  return result;
}
