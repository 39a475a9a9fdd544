/**
 * The sandbox clock: real time (or an injected source) plus an offset that tests move forward, so months
 * of deferred, recurring and split payments play in seconds.
 * @module
 */

const DAY_MS = 86_400_000;

/** A movable clock. */
export interface Clock {
  /** The sandbox's current instant. */
  now(): Date;
  /** How far the clock has been moved ahead of its source, in milliseconds. */
  readonly offsetMs: number;
  /** Moves the clock to an instant (never backwards). */
  setTo(instant: Date): void;
  /** Moves the clock ahead by a number of milliseconds. */
  advance(ms: number): void;
  /** Puts the clock back on its source. */
  reset(): void;
}

/**
 * Creates a clock over a time source (default `Date.now`).
 *
 * @example
 * const clock = createClock(() => Date.parse("2026-01-31T10:00:00Z"));
 * clock.advance(daysToMs(1));
 */
export function createClock(source: () => number = Date.now): Clock {
  let offset = 0;
  return {
    now: () => new Date(source() + offset),
    get offsetMs() {
      return offset;
    },
    setTo(instant) {
      const delta = instant.getTime() - (source() + offset);
      if (delta > 0) offset += delta;
    },
    advance(ms) {
      if (ms > 0) offset += ms;
    },
    reset() {
      offset = 0;
    },
  };
}

/** Days to milliseconds. */
export function daysToMs(days: number): number {
  return days * DAY_MS;
}
