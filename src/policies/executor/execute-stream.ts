import type { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { ChatStream } from '../../core/stream/chat-stream.js';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import type { RoutePlan } from '../../router/route-plan.js';
import { AbortRacer } from '../timeouts/abort-link.js';
import { abortedError } from '../timeouts/timeout-error.js';
import type { ChainContext } from './chain-context.js';
import { createChainContext, withAttempts } from './create-chain-context.js';
import type { ExecutorDeps } from './executor-deps.js';
import { runChain } from './run-chain.js';
import { endedWithoutFinish, type OpenedStream, releaseIterator, streamRunner } from './stream-runner.js';

/**
 * One streamed call through the fallback chain. Falls back only until the first content reaches
 * the caller; after that a failure ends the stream with an `error` event, never a clean finish.
 */
export function executeStream(plan: RoutePlan, request: ChatRequest, deps: ExecutorDeps): ChatStream {
  // The call (its deadline, its caller-signal listener) starts when the stream is first read.
  let ctx: ChainContext<OpenedStream> | undefined;
  let provider = 'switchyard';
  const start = () => {
    ctx = createChainContext(plan, request, deps, streamRunner);
    return ctx;
  };
  return new ChatStream(
    events(start, (id) => {
      provider = id;
    }),
    {
      provider,
      model: plan.requested,
      finalize: (result) => ({ ...result, provider, attempts: ctx?.log.attempts ?? [] }),
    },
  );
}

/** The stream has not settled yet (see `failure` below). */
const UNSETTLED = Symbol('unsettled');

async function* events(
  start: () => ChainContext<OpenedStream>,
  onWinner: (provider: string) => void,
): AsyncGenerator<StreamEvent> {
  const ctx = start();
  let winner: Awaited<ReturnType<typeof runChain<OpenedStream>>>;
  try {
    winner = await runChain(ctx);
  } catch (error) {
    ctx.call.dispose();
    yield { type: 'error', error: withAttempts(error, ctx.log.attempts) };
    return;
  }
  onWinner(winner.deployment.provider);
  const { value: opened, scope } = winner;
  // Until the stream settles, a consumer that stops reading is what ended it. The error is built
  // only then: capturing its stack on every stream was a measurable share of a streamed request.
  let failure: SwitchyardError | undefined | typeof UNSETTLED = UNSETTLED;
  const racer = new AbortRacer(scope.signal);
  try {
    for (const event of opened.buffered) yield event;
    if (opened.ended) {
      failure = undefined;
      return;
    }
    for (;;) {
      let step: IteratorResult<StreamEvent>;
      try {
        scope.waitingForEvent();
        step = await racer.race(opened.iterator.next());
        scope.eventArrived();
      } catch (error) {
        failure = scope.errorFor(error);
        winner.complete(failure);
        yield { type: 'error', error: withAttempts(failure, ctx.log.attempts) };
        return;
      }
      if (step.done) {
        failure = endedWithoutFinish(winner.deployment.provider);
        winner.complete(failure);
        yield { type: 'error', error: withAttempts(failure, ctx.log.attempts) };
        return;
      }
      const event = step.value;
      if (event.type === 'error') {
        failure = event.error;
        // The attempt record must say how the stream really ended before the caller sees the error.
        winner.complete(failure);
        yield { type: 'error', error: withAttempts(event.error, ctx.log.attempts) };
        return;
      }
      if (event.type === 'finish') {
        failure = undefined;
        winner.complete();
      }
      yield event;
      if (event.type === 'finish') return;
    }
  } finally {
    racer.dispose();
    winner.complete(failure === UNSETTLED ? abortedError('stream was not consumed to the end') : failure);
    releaseIterator(opened.iterator);
    ctx.call.dispose();
  }
}
