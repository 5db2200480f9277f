/**
 * Incremental parser for collapsed ("folded") stacks, Brendan Gregg's `stack count` lines, and
 * py-spy `record --format raw` output. Reference: docs/tool-output-formats.md
 * §1.2 and §1.1.8.
 *
 *   _bootstrap (threading.py:995);_bootstrap_inner (threading.py:1038);work (gil.py:5) 907
 *   thread (10120): worker 3;_bootstrap (threading.py:995);spin (odd threads 💩.py:9) 63
 *   process 10114:"gunicorn: master";thread (10114): MainThread;<module> (gunicorn/__main__.py:7) 37
 *   a;b;c 10 14                                            ← differential (difffolded.pl)
 *
 * Root first, `;`-separated; the count is the last whitespace-separated number (integers or
 * decimals, as flamegraph.pl accepts). The first data line decides whether the stream is
 * differential (two trailing numbers); in a plain stream a frame ending in ` 3` (a thread named
 * "worker 3") stays part of the frame. Frames `fn (file:line)` are split into name/file/line;
 * py-spy's synthetic `thread (…)` and `process N:"…"` frames keep their whole text as the name.
 * Blank lines, `#` comments and py-spy's `py-spy> ` chatter (when its stdout is captured with the
 * data) are skipped; other lines without a count are counted as not
 * understood. A `;` inside a thread name or command line cannot be told apart (py-spy does not
 * escape them). Never throws.
 */
import { splitFrameText } from '../pyspy/frameText';
import { LineStreamParser } from '../lineStreamParser';
import { CleanRanges } from '../cleanRanges';
import { FrameTable } from './frameTable';
import { StackSamplesBuilder, type StackFrame, type StackSamples } from './stackSamples';

const SYNTHETIC = /^thread \(\d+\)(?:: |$)|^process \d+:"/;

/** `fn (file:line)` → a frame record; other texts are kept whole as the name. */
export function frameFromText(text: string): StackFrame {
  if (SYNTHETIC.test(text)) return { name: text };
  const parts = splitFrameText(text);
  if (parts === null) return { name: text };
  return parts.line === null
    ? { name: parts.function, file: parts.file }
    : { name: parts.function, file: parts.file, line: parts.line };
}

/** Inverse of frameFromText (`;` and line breaks, which would break the line, become `,`/space). */
export function frameToText(f: StackFrame): string {
  let s = f.name;
  if (f.file !== undefined) s += f.line === undefined ? ` (${f.file})` : ` (${f.file}:${f.line})`;
  return /[;\r\n]/.test(s) ? s.replace(/;/g, ',').replace(/[\r\n]/g, ' ') : s;
}

/** A count token: digits with an optional fraction ("42", "0.5"); else NaN. */
function countOf(s: string, from: number, to: number): number {
  if (to <= from || to - from > 20) return NaN;
  let dot = false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 && !dot && i > from && i < to - 1) dot = true;
    else if (c < 48 || c > 57) return NaN;
  }
  return Number(s.slice(from, to));
}

/**
 * Splits `s[start, end)` (no spaces at either end) as `rest COUNT` at the last space: [rest end
 * with its trailing spaces dropped, count], or null. Reads back at most 21 characters.
 */
function lastCount(s: string, start: number, end: number): [number, number] | null {
  let sp = end - 1;
  while (sp >= start && end - sp <= 21) {
    const c = s.charCodeAt(sp);
    if (c !== 46 && (c < 48 || c > 57)) break;
    sp--;
  }
  if (sp < start || s.charCodeAt(sp) !== 32) return null;
  const n = countOf(s, sp + 1, end);
  if (Number.isNaN(n)) return null;
  let restEnd = sp;
  while (restEnd > start && s.charCodeAt(restEnd - 1) === 32) restEnd--;
  return [restEnd, n];
}

export class CollapsedStackParser extends LineStreamParser<StackSamples> {
  private readonly builder = new StackSamplesBuilder();
  /** Frame text → id, read from the line in place (see FrameTable). */
  private readonly frames = new FrameTable();
  private readonly clean = new CleanRanges();
  private mode: 'unknown' | 'plain' | 'diff' = 'unknown';
  private unparsed = 0;
  /** `semiText.indexOf(';', semiFrom)` was `semiAt`: remembered, so no search rescans a line. */
  private semiText = '';
  private semiFrom = 0;
  private semiAt = -1;

  snapshot(): StackSamples {
    return this.builder.build(this.mode === 'diff');
  }

  protected takeLine(l: string): void {
    this.line(l, 0, l.length);
  }

  /** A clean line is read where it lies in the chunk; others are cleaned first (takeLine). */
  protected override takeRawLine(text: string, start: number, end: number): boolean {
    if (!this.clean.isClean(text, start, end)) return false;
    this.line(text, start, end);
    return true;
  }

  protected takeOverlong(): void {
    this.unparsed++;
  }

  get unparsedLines(): number {
    return this.unparsed;
  }

  /** The clean line `s[from, to)`. */
  private line(s: string, from: number, to: number): void {
    let end = to;
    while (end > from && s.charCodeAt(end - 1) === 32) end--;
    let start = from;
    while (start < end && s.charCodeAt(start) === 32) start++;
    if (start === end) return;
    const first = s.charCodeAt(start);
    if (first === 35 /* # */) return;
    // record's CLI chatter ("py-spy> Samples: 3771 Errors: 0")
    if (first === 112 && end - start >= 8 && s.startsWith('py-spy> ', start)) return;
    const last = lastCount(s, start, end);
    if (last === null) {
      this.unparsed++;
      return;
    }
    let [restEnd, weight] = last;
    let weightB: number | undefined;
    if (this.mode !== 'plain') {
      const prev = lastCount(s, start, restEnd);
      if (prev !== null && prev[0] > start) {
        weightB = weight;
        [restEnd, weight] = prev;
        this.mode = 'diff';
      } else if (this.mode === 'diff') {
        this.unparsed++;
        return;
      } else this.mode = 'plain';
    }
    const ids = this.frameIds(s, start, restEnd);
    if (ids.length === 0) {
      this.unparsed++;
      return;
    }
    this.builder.addStack(ids, weight, weightB);
  }

  private frameIds(s: string, start: number, end: number): number[] {
    const ids: number[] = [];
    let from = start;
    while (from <= end) {
      let semi = this.nextSemicolon(s, from);
      if (semi < 0 || semi > end) semi = end;
      if (semi > from) {
        let id = this.frames.find(s, from, semi);
        if (id < 0) {
          const text = s.slice(from, semi);
          id = this.builder.frameId(text, () => frameFromText(text));
          this.frames.add(text, id);
        }
        ids.push(id);
      }
      from = semi + 1;
    }
    return ids;
  }

  private nextSemicolon(s: string, from: number): number {
    if (s !== this.semiText || from < this.semiFrom || (this.semiAt >= 0 && from > this.semiAt)) {
      this.semiText = s;
      this.semiFrom = from;
      this.semiAt = s.indexOf(';', from);
    }
    return this.semiAt;
  }
}

/** Parses a whole collapsed file at once. */
export function parseCollapsed(text: string): { samples: StackSamples; unparsedLines: number } {
  const p = new CollapsedStackParser();
  p.push(text);
  p.end();
  return { samples: p.snapshot(), unparsedLines: p.unparsedLines };
}

/** Collapsed text of `samples`: one `frames count[ countB]` line per stack, `\n`-terminated. */
export function toCollapsed(samples: StackSamples): string {
  const texts = samples.frames.map(frameToText);
  const out: string[] = [];
  for (const s of samples.stacks) {
    const frames = s.frameIds.map((id) => texts[id] ?? '?').join(';');
    const b = samples.differential === true ? ` ${s.weightB ?? 0}` : '';
    out.push(`${frames} ${s.weight}${b}\n`);
  }
  return out.join('');
}
