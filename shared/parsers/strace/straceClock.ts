/**
 * The time columns of a strace stream, line after line: which format it uses (-t, -tt, -ttt, -r),
 * the first and last stamp as printed, and a running clock for the 1-second timeline that survives
 * midnight (-t/-tt restart at 00:00:00) and works from the -r deltas when there is no clock.
 * Reference: tool-output-formats.md §1.6.1 (`stamp`, `rel`).
 */
import type { StraceStamp, StraceTimeFormat, StraceTimelineBucket } from './straceModel';

const HALF_DAY = 43_200;

export class StraceClock {
  format: StraceTimeFormat = 'none';
  firstTime: number | null = null;
  lastTime: number | null = null;
  firstTimeRaw: string | null = null;
  lastTimeRaw: string | null = null;
  /** Added to -t/-tt times after midnight. */
  private dayOffset = 0;
  /** The last absolute time, day offset included. */
  private lastClock: number | null = null;
  /** The running sum of -r times. */
  private relClock = 0;

  /** Takes a line's stamp; returns its 1-second timeline bucket, or null without a usable time. */
  observe(ev: StraceStamp): number | null {
    let t: number;
    if (ev.time !== null && ev.timeRaw !== null) {
      if (this.firstTimeRaw === null) {
        this.firstTime = ev.time;
        this.firstTimeRaw = ev.timeRaw;
        this.format = ev.timeRaw.includes(':')
          ? ev.timeRaw.includes('.')
            ? 'clock-us'
            : 'clock'
          : 'epoch';
      }
      this.lastTime = ev.time;
      this.lastTimeRaw = ev.timeRaw;
      t = ev.time;
      if (this.format.startsWith('clock')) {
        if (this.lastClock !== null && t + this.dayOffset < this.lastClock - HALF_DAY) {
          this.dayOffset += 86_400;
        }
        t += this.dayOffset;
      }
      this.lastClock = t;
    } else if (ev.relative !== undefined) {
      this.relClock += ev.relative;
      if (this.format === 'none') this.format = 'relative';
      if (this.format !== 'relative') return null;
      if (this.firstTime === null) this.firstTime = this.relClock;
      this.lastTime = this.relClock;
      t = this.relClock;
    } else return null;
    return Math.floor(t);
  }

  /** The running time of the last line (seconds), or null without times. */
  now(): number | null {
    if (this.lastClock !== null) return this.lastClock;
    return this.format === 'relative' ? this.relClock : null;
  }
}

/** Counts a call in the 1-second bucket `second` of a timeline kept to its last `max` buckets. */
export function addToBuckets(
  buckets: StraceTimelineBucket[],
  max: number,
  second: number,
  err: boolean,
  busy: number,
): void {
  let b = buckets[buckets.length - 1];
  if (!b || second > b.second) {
    b = { second, count: 0, errors: 0, busyTime: 0 };
    buckets.push(b);
    if (buckets.length > max) buckets.shift();
  } else if (second < b.second) {
    // Out of order (a resumed call printed late): find its second, else count it in the oldest one.
    for (let i = buckets.length - 2; i >= 0; i--) {
      const older = buckets[i];
      if (older && older.second <= second) {
        b = older;
        break;
      }
    }
  }
  b.count++;
  if (err) b.errors++;
  b.busyTime += busy;
}
