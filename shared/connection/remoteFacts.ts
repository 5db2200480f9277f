import { UNAME_MAX_CHARS, type ClockOffset } from '../contract/connectionRecord';

/**
 * Reading the host's answers to `uname -a` and `date`: hostile input like everything a host
 * prints, so each reader bounds, strips and checks, and says "unknown" (null) rather than throw.
 */

/** `uname -a`'s line with control characters removed and its length bounded; null if empty. */
export function readUname(stdout: string): string | null {
  const line = stdout
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f\ud800-\udfff]+/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  if (line === '') return null;
  return line.length > UNAME_MAX_CHARS ? `${line.slice(0, UNAME_MAX_CHARS)}…` : line;
}

/** A reading of the host's clock: seconds since the epoch, and the step it is printed in. */
export interface RemoteEpoch {
  seconds: number;
  /** 1 for `date +%s`; 1e-9 for nine digits of `%N`. */
  resolution: number;
}

/**
 * `date +%s.%N` (or `date +%s`) as printed: digits, optionally a dot and up to nine digits, one
 * line. A `date` without `%N` prints `1700000000.N` or `1700000000.%N`: null, so the caller
 * asks `date +%s` instead.
 */
export function readRemoteEpoch(stdout: string): RemoteEpoch | null {
  const match = /^(\d{1,12})(?:\.(\d{1,9}))?\r?\n?$/.exec(stdout);
  if (!match) return null;
  const [, whole = '', fraction = ''] = match;
  return {
    seconds: Number(`${whole}.${fraction || '0'}`),
    resolution: fraction ? 10 ** -fraction.length : 1,
  };
}

/**
 * The host's clock minus ours. `date` ran at some moment between our `beforeMs` and `afterMs`
 * (epoch milliseconds) and printed its time cut down to its resolution, so the host's time lies
 * in [seconds, seconds + resolution): the offset is taken from the middles of both intervals,
 * and is right within half the round trip plus half the resolution.
 */
export function clockOffset(beforeMs: number, reading: RemoteEpoch, afterMs: number): ClockOffset {
  const midpoint = (beforeMs + afterMs) / 2000;
  const halfTrip = Math.max(0, afterMs - beforeMs) / 2000;
  return {
    offsetSeconds: reading.seconds + reading.resolution / 2 - midpoint,
    uncertaintySeconds: halfTrip + reading.resolution / 2,
  };
}
