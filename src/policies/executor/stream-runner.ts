import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { StreamSource } from '../../core/stream/batched-events.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import type { Clock } from '../clock.js';
import { AbortRacer } from '../timeouts/abort-link.js';
import { attemptRequest } from './attempt-request.js';
import type { AttemptRunner } from './chain-context.js';

/** A provider stream opened up to its first content (or its end), with what came before buffered. */
export interface OpenedStream {
  iterator: AsyncIterator<StreamEvent>;
  /** `start`, usage and the first content event (or the finish), not yet given to the caller. */
  buffered: StreamEvent[];
  /** The finish arrived before any content: nothing is left to read. */
  ended: boolean;
  /** Clock ms from the try's start to the first content (or the end). */
  firstTokenMs: number;
}

const CONTENT = new Set<StreamEvent['type']>([
  'text-delta',
  'reasoning-delta',
  'tool-call-delta',
  'tool-call',
]);

export function isContentEvent(event: StreamEvent): boolean {
  return CONTENT.has(event.type);
}

export function endedWithoutFinish(provider: string): SwitchyardError {
  return new SwitchyardError({
    kind: 'network',
    provider,
    message: `${provider}: stream ended without a finish event`,
  });
}

/** Stops reading a provider stream; its own cleanup releases the connection. */
export function releaseIterator(iterator: AsyncIterator<StreamEvent>): void {
  void iterator.return?.()?.catch(() => {});
}

/**
 * Streams: a try succeeds at the first content event. Until then everything is buffered, so a
 * failure (an error event, a dropped connection, a first-token timeout) can still retry or fall
 * back without the caller having seen a thing.
 */
export function streamRunner(clock: Clock): AttemptRunner<OpenedStream> {
  return {
    mode: 'stream',
    async run(deployment, provider, request, scope) {
      const startedAt = clock.now();
      const iterator = provider
        .stream(attemptRequest(request, deployment, scope.requestSignal, provider))
        [Symbol.asyncIterator]() as AsyncIterator<StreamEvent> & Partial<Pick<StreamSource, 'takeBuffered'>>;
      scope.awaitFirstToken();
      const buffered: StreamEvent[] = [];
      const racer = new AbortRacer(scope.signal);
      try {
        for (;;) {
          // An event the stream already holds (the start's batch usually brings the first content
          // too) is taken without a race, its promises and a hop; only a wait is raced.
          let event = scope.signal.aborted ? undefined : iterator.takeBuffered?.();
          if (event === undefined) {
            scope.waitingForEvent();
            const step = await racer.race(iterator.next());
            scope.eventArrived();
            if (step.done) throw endedWithoutFinish(deployment.provider);
            event = step.value;
          }
          if (event.type === 'error') throw event.error;
          buffered.push(event);
          const content = isContentEvent(event);
          if (content || event.type === 'finish') {
            scope.firstTokenArrived();
            return { iterator, buffered, ended: !content, firstTokenMs: clock.now() - startedAt };
          }
        }
      } catch (error) {
        releaseIterator(iterator);
        throw error;
      } finally {
        racer.dispose();
      }
    },
    filtered: (opened) =>
      opened.ended && opened.buffered.some((e) => e.type === 'finish' && e.finishReason === 'content_filter'),
    discard: (opened) => releaseIterator(opened.iterator),
    firstTokenMs: (opened) => opened.firstTokenMs,
  };
}
