import { checkContextWindow } from '../accounting/tokens/check-context-window.js';
import type { ChatRequest } from '../core/types/chat-request.js';
import type { Deployment } from '../router/route-plan.js';
import type { Pipeline } from './pipeline.js';

/**
 * The executor's `beforeAttempt`: a request that cannot fit a deployment's context window (its own,
 * else the catalog's) is refused with a fallbackable `context_length_exceeded` before it is sent.
 * Deployments whose window nobody knows are not counted at all (the tokenizer is the costly part).
 */
export function preflightHook(
  pipeline: Pipeline,
): ((deployment: Deployment, request: ChatRequest) => void) | undefined {
  const { catalog, preflight } = pipeline;
  if (!preflight.enabled) return undefined;
  return (deployment, request) => {
    const window =
      deployment.contextWindow ?? catalog?.get(deployment.model, deployment.provider)?.contextWindow;
    if (window === undefined) return;
    if (surelyFits(request, window, preflight.reserveOutput)) return;
    checkContextWindow(
      request,
      { provider: deployment.provider, model: deployment.model, contextWindow: deployment.contextWindow },
      { catalog, reserveOutput: preflight.reserveOutput },
    );
  };
}

/**
 * Tokens one character can become at most: a UTF-16 unit is at most 3 UTF-8 bytes and a token
 * covers at least one byte; times 1.5, above the largest per-provider estimate factor (1.2).
 */
const TOKENS_PER_CHAR = 3 * 1.5;

/**
 * A bound that never undercounts, to skip the tokenizer for the common case of a prompt far
 * below the window: the text of every message, tool and schema at the most tokens a character can
 * be, plus generous framing per message. Content with parts (images count a flat number of tokens,
 * tool calls their JSON) is always counted for real.
 */
function surelyFits(request: ChatRequest, window: number, reserveOutput: boolean): boolean {
  let chars = 64;
  for (const message of request.messages) {
    if (typeof message.content !== 'string') return false;
    chars += message.content.length + 64 + ((message as { name?: string }).name?.length ?? 0);
  }
  if (request.tools) chars += JSON.stringify(request.tools).length + 64 * request.tools.length;
  if (request.responseFormat) chars += JSON.stringify(request.responseFormat).length + 64;
  const output = reserveOutput ? (request.maxOutputTokens ?? 0) : 0;
  return chars * TOKENS_PER_CHAR + output <= window;
}
