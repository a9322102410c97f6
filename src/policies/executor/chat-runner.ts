import type { ChatResult } from '../../core/types/chat-result.js';
import { raceAbort } from '../timeouts/abort-link.js';
import { attemptRequest } from './attempt-request.js';
import type { AttemptRunner } from './chain-context.js';

/** Plain chat: a try succeeds with the whole result. */
export const chatRunner: AttemptRunner<ChatResult> = {
  mode: 'chat',
  run(deployment, provider, request, scope) {
    const answer = provider.chat(attemptRequest(request, deployment, scope.requestSignal, provider));
    // The provider's request listens to the same signal: a second listener and promise per try
    // would only duplicate it. The try's error is the scope's reason either way (`errorFor`).
    return provider.settlesOnAbort === true ? answer : raceAbort(answer, scope.signal);
  },
  filtered: (result) => result.finishReason === 'content_filter',
  discard() {},
};
