import type { CatalogEntry } from '../../catalog/catalog-entry.js';
import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { ChatRequest } from '../../core/types/chat-request.js';
import { countChatTokens } from './count-chat-tokens.js';
import { tokenCounterFor } from './token-counter.js';

/** The candidate a call is about to go to: its window from config or the router, else the catalog. */
export interface PreflightCandidate {
  provider: string;
  model: string;
  contextWindow?: number;
}

export interface PreflightOptions {
  /** Finds the model's catalog entry when the candidate carries no window. */
  catalog?: { get(name: string, provider?: string): CatalogEntry | undefined };
  /**
   * Also reserve the requested `maxOutputTokens` inside the window, for providers that refuse a
   * prompt plus max_tokens larger than the window (OpenAI, Anthropic). Default false: only the
   * prompt itself must fit.
   */
  reserveOutput?: boolean;
}

export interface PreflightResult {
  /** Prompt tokens as counted (estimated unless `exact`). */
  inputTokens: number;
  exact: boolean;
  /** The window checked against; undefined when neither the candidate nor the catalog knows it. */
  contextWindow?: number;
}

/**
 * The pre-flight check the pipeline runs per candidate before sending: a request that cannot fit
 * the candidate's context window fails here with `context_length_exceeded` (not retryable, may
 * fall back), so a chain moves on to a larger-window candidate without a wasted call.
 */
export function checkContextWindow(
  request: Pick<ChatRequest, 'messages' | 'tools' | 'responseFormat' | 'maxOutputTokens' | 'headers'>,
  candidate: PreflightCandidate,
  options: PreflightOptions = {},
): PreflightResult {
  const counter = tokenCounterFor(candidate.provider, candidate.model);
  const inputTokens = countChatTokens(request, counter);
  const contextWindow = candidate.contextWindow ?? catalogWindow(request, candidate, options);
  const result: PreflightResult = { inputTokens, exact: counter.exact };
  if (contextWindow === undefined) return result;
  result.contextWindow = contextWindow;
  const reserved = options.reserveOutput ? (request.maxOutputTokens ?? 0) : 0;
  if (inputTokens + reserved > contextWindow) {
    const about = counter.exact ? '' : 'about ';
    const output = reserved ? ` plus ${reserved} output tokens` : '';
    throw new SwitchyardError({
      kind: 'context_length_exceeded',
      provider: candidate.provider,
      model: candidate.model,
      code: 'preflight_context_window',
      retryable: false,
      fallbackable: true,
      message:
        `request needs ${about}${inputTokens} input tokens${output}, more than the ${contextWindow}-token ` +
        `context window of ${candidate.provider}/${candidate.model}; not sent`,
    });
  }
  return result;
}

/** Claude's 1M window counts only when the request turns the beta on. */
function catalogWindow(
  request: Pick<ChatRequest, 'headers'>,
  candidate: PreflightCandidate,
  options: PreflightOptions,
): number | undefined {
  const entry = options.catalog?.get(candidate.model, candidate.provider);
  if (!entry) return undefined;
  const beta = Object.entries(request.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'anthropic-beta',
  )?.[1];
  if (entry.extendedContextWindow !== undefined && beta?.includes('context-1m'))
    return entry.extendedContextWindow;
  return entry.contextWindow;
}
