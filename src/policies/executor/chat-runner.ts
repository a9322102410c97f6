import type { ChatResult } from '../../core/types/chat-result.js';
import { raceAbort } from '../timeouts/abort-link.js';
import { attemptRequest } from './attempt-request.js';
import type { AttemptRunner } from './chain-context.js';

/** Plain chat: a try succeeds with the whole result. */
export const chatRunner: AttemptRunner<ChatResult> = {
  mode: 'chat',
  run(deployment, provider, request, scope) {
    return raceAbort(provider.chat(attemptRequest(request, deployment, scope.requestSignal)), scope.signal);
  },
  filtered: (result) => result.finishReason === 'content_filter',
  discard() {},
};
