/**
 * A recording laid out on its own clock, for a player: the output between two moments as the
 * exact bytes the terminal received (so seeking is "reset, then write everything up to t"), the
 * terminal size in force at a moment, and how long it lasts. Events arrive in pieces as the
 * recording loads; times never go back (a log's clock is monotonic, a bad one is clamped).
 */
import type { CastEvent } from './asciicast';
import { concatBytes, textToBytes } from './bytesText';

export interface CastSize {
  cols: number;
  rows: number;
}

export class CastTimeline {
  private readonly times: number[] = [];
  private readonly output: Uint8Array[] = [];
  private readonly resizes: { at: number; size: CastSize }[] = [];

  constructor(readonly initialSize: CastSize) {}

  /** Adds events in recorded order; input and marker events carry nothing to draw. */
  add(events: readonly CastEvent[]): void {
    for (const [seconds, code, data] of events) {
      const at = Math.max(this.duration, Number.isFinite(seconds) ? seconds : 0);
      if (code === 'o') {
        this.times.push(at);
        this.output.push(textToBytes(data));
      } else if (code === 'r') {
        const size = /^(\d{1,4})x(\d{1,4})$/.exec(data);
        if (size) this.resizes.push({ at, size: { cols: Number(size[1]), rows: Number(size[2]) } });
      }
    }
  }

  /** Seconds from the start to the last output. */
  get duration(): number {
    return Math.max(this.times[this.times.length - 1] ?? 0, this.resizes.at(-1)?.at ?? 0);
  }

  get events(): number {
    return this.times.length;
  }

  /** Output after `from` up to and including `to` (both in seconds); from < 0 takes the start. */
  bytesBetween(from: number, to: number): Uint8Array {
    const start = from < 0 ? 0 : this.firstAfter(from);
    const end = this.firstAfter(to);
    return end > start ? concatBytes(this.output.slice(start, end)) : new Uint8Array(0);
  }

  /** The terminal size at `t`: the last resize before it, else the recording's own. */
  sizeAt(t: number): CastSize {
    let size = this.initialSize;
    for (const resize of this.resizes) {
      if (resize.at > t) break;
      size = resize.size;
    }
    return size;
  }

  /** Index of the first output event later than `t` (binary search). */
  private firstAfter(t: number): number {
    let low = 0;
    let high = this.times.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.times[mid] ?? 0) <= t) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
