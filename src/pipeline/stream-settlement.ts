import type { CallContext } from '../accounting/ledger/settled-row.js';
import { estimateUsage, type StreamedOutput } from '../accounting/tokens/estimate-usage.js';
import type { ChatStream } from '../core/stream/chat-stream.js';
import type { ChatRequest } from '../core/types/chat-request.js';
import type { ChatResult, Usage } from '../core/types/chat-result.js';
import type { StreamEvent } from '../core/types/stream-events.js';
import { abortedError } from '../policies/timeouts/timeout-error.js';
import type { CallGuards } from './call-guards.js';
import type { Pipeline } from './pipeline.js';
import { settleFailure, settleResult } from './settle-call.js';

/** What the settlement learns from a stream as it passes. */
export interface StreamSettlement {
  /** The settled result (with `cost`) once the stream finished. */
  result?: ChatResult;
}

/**
 * Passes a stream's events through and settles the call when it ends: a finish settles with the
 * provider's usage (or a tokenizer estimate when it reported none) BEFORE the finish reaches the
 * caller, so `result.cost` is there to read; an error or a consumer that stops reading settles as a
 * failure with the estimated usage of what had been streamed.
 */
export async function* settleStream(
  pipeline: Pipeline,
  guards: CallGuards,
  call: CallContext,
  request: ChatRequest,
  inner: ChatStream,
  state: StreamSettlement,
  options: { cacheHit?: boolean } = {},
): AsyncGenerator<StreamEvent> {
  const started = performance.now();
  const output: StreamedOutput & { toolCalls: Array<{ name: string; arguments: string }> } = {
    text: '',
    reasoning: '',
    toolCalls: [],
  };
  let provider: string | undefined;
  let model: string | undefined;
  let reported: Usage | undefined;
  let firstTokenMs: number | undefined;
  let settled = false;
  const fail = async (error: unknown) => {
    settled = true;
    const sent = output.text !== '' || output.reasoning !== '' || output.toolCalls.length > 0 || reported;
    const usage =
      sent && provider && model ? estimateUsage({ provider, model, request, output, reported }) : undefined;
    await settleFailure(pipeline, guards, call, error, {
      latencyMs: performance.now() - started,
      usage,
      provider,
      model,
      timeToFirstTokenMs: firstTokenMs,
    }).catch(() => {});
  };
  try {
    for await (const event of inner) {
      switch (event.type) {
        case 'start':
          provider = event.provider;
          model = event.model;
          break;
        case 'text-delta':
          firstTokenMs ??= performance.now() - started;
          output.text += event.text;
          break;
        case 'reasoning-delta':
          output.reasoning += event.text;
          break;
        case 'tool-call':
          output.toolCalls.push({ name: event.toolCall.name, arguments: event.toolCall.arguments });
          break;
        case 'usage':
          reported = event.usage;
          break;
        case 'error':
          await fail(event.error);
          break;
        case 'finish': {
          const result = await inner.result;
          if (!options.cacheHit && result.usage.inputTokens + result.usage.outputTokens === 0) {
            result.usage = estimateUsage({ provider: result.provider, model: result.model, request, output });
          }
          settled = true;
          state.result = await settleResult(pipeline, guards, call, result, {
            cacheHit: options.cacheHit,
            requestedModel: result.attempts?.at(-1)?.model,
          });
          break;
        }
      }
      yield event;
    }
  } finally {
    if (!settled) await fail(abortedError('stream was not consumed to the end'));
  }
}
