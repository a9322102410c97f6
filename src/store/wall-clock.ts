import { type Clock, systemClock } from '../policies/clock.js';

/**
 * The policies' Clock reading wall-clock epoch ms: budgets and rate-limit windows reset at UTC
 * boundaries and must agree across processes sharing one store, which a monotonic clock cannot.
 * Tests pass a ManualClock started at a chosen `Date.UTC(...)` instead.
 */
export const wallClock: Clock = {
  now: () => Date.now(),
  setTimer: systemClock.setTimer,
};
