import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { finalizeToolCall } from '../../core/stream/tool-call-assembler.js';
import type { ToolCall, Warning } from '../../core/types/chat-result.js';
import type { ChatResultCore } from '../protocol-codec.js';
import type { CohereChatResponse } from './cohere-api.js';
import { convertCohereUsage } from './convert-cohere-usage.js';
import { mapCohereFinishReason } from './map-cohere-finish-reason.js';

/**
 * A `/v2/chat` body -> canonical result. Text comes from `text` content items and reasoning from
 * `thinking` items. `tool_plan` (the model's one-line plan before calling tools) is left out: it
 * is neither the answer nor reasoning a thinking model would accept back.
 */
/** Cohere does not echo the model, so the requested one is given. */
export function convertCohereChatResult(provider: string, body: unknown, model = ''): ChatResultCore {
  const response = body as CohereChatResponse;
  if (typeof response !== 'object' || response === null || typeof response.message !== 'object') {
    throw new SwitchyardError({
      kind: 'server_error',
      provider,
      message: `${provider}: reply has no message`,
    });
  }
  let text = '';
  let reasoning = '';
  for (const item of response.message.content ?? []) {
    if (item.type === 'text') text += item.text ?? '';
    else if (item.type === 'thinking') reasoning += item.thinking ?? '';
  }
  const warnings: Warning[] = [];
  const toolCalls: ToolCall[] = (response.message.tool_calls ?? []).map((call) =>
    finalizeToolCall(
      { id: call.id ?? '', name: call.function?.name ?? '', arguments: call.function?.arguments ?? '' },
      warnings,
    ),
  );
  const raw = response.finish_reason ?? '';
  const result: ChatResultCore = {
    id: response.id ?? '',
    model,
    text,
    reasoning,
    toolCalls,
    finishReason: mapCohereFinishReason(raw),
    rawFinishReason: raw,
    usage: convertCohereUsage(response.usage),
  };
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}
