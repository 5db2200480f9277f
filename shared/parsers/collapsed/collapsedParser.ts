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

/** Splits `rest COUNT` at the last run of spaces: [rest end, count] or null. */
function lastCount(s: string, end: number): [number, number] | null {
  const sp = s.lastIndexOf(' ', end - 1);
  if (sp < 0) return null;
  const n = countOf(s, sp + 1, end);
  if (Number.isNaN(n)) return null;
  let restEnd = sp;
  while (restEnd > 0 && s.charCodeAt(restEnd - 1) === 32) restEnd--;
  return [restEnd, n];
}

export class CollapsedStackParser extends LineStreamParser<StackSamples> {
  private readonly builder = new StackSamplesBuilder();
  /** Frame text → id, looked up before the builder so a known frame costs no closure. */
  private readonly known = new Map<string, number>();
  private mode: 'unknown' | 'plain' | 'diff' = 'unknown';
  private unparsed = 0;

  snapshot(): StackSamples {
    return this.builder.build(this.mode === 'diff');
  }

  protected takeLine(l: string): void {
    this.line(l);
  }

  protected takeOverlong(): void {
    this.unparsed++;
  }

  get unparsedLines(): number {
    return this.unparsed;
  }

  private line(raw: string): void {
    let end = raw.length;
    while (end > 0 && raw.charCodeAt(end - 1) === 32) end--;
    let start = 0;
    while (start < end && raw.charCodeAt(start) === 32) start++;
    if (start === end || raw.charCodeAt(start) === 35 /* # */) return;
    const s = start === 0 && end === raw.length ? raw : raw.slice(start, end);
    if (s.startsWith('py-spy> ')) return; // record's CLI chatter ("… Samples: 3771 Errors: 0")
    const last = lastCount(s, s.length);
    if (last === null) {
      this.unparsed++;
      return;
    }
    let [restEnd, weight] = last;
    let weightB: number | undefined;
    if (this.mode !== 'plain') {
      const prev = lastCount(s, restEnd);
      if (prev !== null && prev[0] > 0) {
        weightB = weight;
        [restEnd, weight] = prev;
        this.mode = 'diff';
      } else if (this.mode === 'diff') {
        this.unparsed++;
        return;
      } else this.mode = 'plain';
    }
    const ids = this.frameIds(s, restEnd);
    if (ids.length === 0) {
      this.unparsed++;
      return;
    }
    this.builder.addStack(ids, weight, weightB);
  }

  private frameIds(s: string, end: number): number[] {
    const ids: number[] = [];
    let from = 0;
    while (from <= end) {
      let semi = s.indexOf(';', from);
      if (semi < 0 || semi > end) semi = end;
      if (semi > from) {
        const text = s.slice(from, semi);
        let id = this.known.get(text);
        if (id === undefined) {
          id = this.builder.frameId(text, () => frameFromText(text));
          this.known.set(text, id);
        }
        ids.push(id);
      }
      from = semi + 1;
    }
    return ids;
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
