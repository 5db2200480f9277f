/**
 * What `py-spy record` says about its own sampling, from the terminal text around the recorded
 * stacks. py-spy counts the samples it could not read (the process changed under it, a thread
 * ended mid-read, `--nonblocking`, `--native` unwinding) and prints both counts when it ends:
 *
 *   py-spy> Wrote raw flamegraph data to '/tmp/f.txt'. Samples: 434 Errors: 68        (v0.3.2+)
 *   py-spy> Wrote speedscope file to '/tmp/f.json'. Samples: 3464 Errors: 0
 *   Wrote flame graph 'f.svg'. Samples: 2000 Errors: 3                                  (v0.1)
 *     Collected 57612 samples (56884 errors)                    (progress; v0.3.1's last word)
 *
 * (TTY output colours the `py-spy>` prefix; the line splitter drops the colour codes.) The last
 * report seen wins. Never throws.
 */
import { LineStreamParser } from '../lineStreamParser';

export interface RecordCounts {
  /** Samples py-spy took (the flame graph's total can be lower: idle stacks are dropped). */
  samples: number;
  /** Samples py-spy could not read (not in the flame graph). */
  errors: number;
}

const CURRENT = /\bSamples: (\d{1,15}) Errors: (\d{1,15})\b/;
// The progress message of an unbounded record (and v0.3.1's last word); no "(…)" means 0 errors.
const PROGRESS = /\bCollected (\d{1,15}) samples(?: \((\d{1,15}) errors\))?/;

/** The counts a line of record's output reports, or null. */
export function recordCountsOf(line: string): RecordCounts | null {
  if (line.length > 4096) return null;
  const m = CURRENT.exec(line) ?? PROGRESS.exec(line);
  if (m === null) return null;
  return { samples: Number(m[1]), errors: Number(m[2] ?? 0) };
}

export class RecordChatterParser extends LineStreamParser<RecordCounts | null> {
  private counts: RecordCounts | null = null;

  snapshot(): RecordCounts | null {
    return this.counts === null ? null : { ...this.counts };
  }

  get unparsedLines(): number {
    return 0; // chatter is free text: nothing in it is "not understood"
  }

  protected takeLine(line: string): void {
    const counts = recordCountsOf(line);
    if (counts !== null) this.counts = counts;
  }

  protected takeOverlong(): void {}
}
