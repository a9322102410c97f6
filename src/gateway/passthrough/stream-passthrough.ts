import type { ProtocolId } from '../../core/types/provider.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import type { RequestContext } from '../request-context.js';

/** A frame to write as it is: text the gateway made, or upstream bytes. */
export type Frame = string | Uint8Array;

/**
 * Byte pass-through for one stream: when the winning upstream speaks the client's protocol, its
 * SSE bytes (tapped by the provider, `StreamEvent.raw`) go to the client as they arrived instead of
 * re-encoded events. The events are still decoded, for usage, finish, errors and metrics.
 */
export interface StreamPassthrough {
  /** Decided once, from the events held before the first byte: may the winner's bytes go through? */
  accepts(held: StreamEvent[]): boolean;
  /** What to write for one event once accepted (errors excepted: they use the encoder's frame). */
  frames(event: StreamEvent): Frame[];
}

const NONE: Frame[] = [];

/** The held events came tapped from a provider of the client's protocol. */
export function tappedFrom(ctx: RequestContext, held: StreamEvent[], protocol: ProtocolId): boolean {
  const start = held.find((event) => event.type === 'start');
  if (start?.type !== 'start' || start.raw === undefined) return false;
  return ctx.services.switchyard.registry.get(start.provider)?.protocol === protocol;
}

/** Anthropic to Anthropic: every byte goes through (usage is always part of its event grammar). */
export function anthropicPassthrough(ctx: RequestContext): StreamPassthrough {
  return {
    accepts: (held) => tappedFrom(ctx, held, 'anthropic'),
    frames: (event) => (event.raw ? [event.raw] : NONE),
  };
}
