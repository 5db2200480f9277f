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
import { MAX_LINE } from '../lineSplitter';
import { LineStreamParser } from '../lineStreamParser';
import { CollapsedByteFeed, type ByteReading } from './collapsedBytes';
import { frameFromText, frameToText, isClean, lastCount } from './collapsedLine';
import { TextTable } from '../textTable';
import type { CollapsedMode, CollapsedPart } from './collapsedParts';
import { StackSamplesBuilder, type FlatStackSamples, type StackSamples } from './stackSamples';

export { frameFromText, frameToText };

export class CollapsedStackParser extends LineStreamParser<StackSamples> {
  private readonly builder = new StackSamplesBuilder();
  /** Frame text → id, read from the line in place (see TextTable). */
  private readonly frames = new TextTable();
  private mode: 'unknown' | 'plain' | 'diff' = 'unknown';
  private unparsed = 0;
  private absorbedErrors = 0;
  private absorbedOverlong = 0;
  /** `semiText.indexOf(';', semiFrom)` was `semiAt`: remembered, so no search rescans a line. */
  private semiText = '';
  private semiFrom = 0;
  private semiAt = -1;
  /** Scratch of findFrames: each frame's id (-1: new) and its range in the line. */
  private readonly found: number[] = [];
  private readonly ranges: number[] = [];
  /** Scratch of knownStack: the guessed frames' texts. */
  private readonly guessedTexts: string[] = [];
  /** lastCount's count. */
  private readonly counted = { value: 0 };
  /** Reads bytes pushed with pushBytes (made by the first). */
  private feed: CollapsedByteFeed | null = null;
  /** How many frames the last line taken as a stack had (their ids in `found`); -1: none. */
  private lastFrames = -1;
  private byteErrors = 0;
  private scanned = false;

  /**
   * `mode`: a part of a file after its first (see collapsedParts.ts) is read in the mode the
   * file's head decided; by default the first data line decides.
   */
  constructor(options: { mode?: CollapsedMode } = {}) {
    super();
    if (options.mode) this.mode = options.mode;
  }

  snapshot(): StackSamples {
    return this.builder.build(this.mode === 'diff');
  }

  /**
   * The samples read so far without copying them: the parser's own arrays, to read at once and
   * not keep (more input changes them). For a build that reads them and lets go (a flame tree).
   */
  samplesInPlace(): StackSamples {
    return this.builder.inPlace(this.mode === 'diff');
  }

  /** samplesInPlace, flat (no record per stack): what a flame tree is built from. */
  flatInPlace(): FlatStackSamples {
    return this.builder.flatInPlace(this.mode === 'diff');
  }

  /**
   * UTF-8 bytes of the stream, read as `push` of their decoded text would read them (a byte-order
   * mark at the start dropped, bad bytes replaced), mostly by the WebAssembly scanner `reading`
   * gives (see collapsedBytes.ts). Do not mix with `push` in one stream; `end` as usual.
   */
  pushBytes(bytes: Uint8Array, reading: ByteReading): void {
    try {
      this.feed ??= this.newFeed(reading);
      this.feed.push(bytes);
      this.scanned = this.feed.scanning;
    } catch {
      this.byteErrors++;
    }
  }

  /** Bytes were pushed and the scanner read them (false: decoded, or no bytes). */
  get scannedBytes(): boolean {
    return this.scanned;
  }

  override end(): void {
    const feed = this.feed;
    this.feed = null;
    try {
      feed?.end();
    } catch {
      this.byteErrors++;
    }
    super.end();
  }

  private newFeed(reading: ByteReading): CollapsedByteFeed {
    return new CollapsedByteFeed(
      {
        scanMode: () => (this.mode === 'unknown' ? 0 : this.mode === 'plain' ? 1 : 2),
        pushText: (text) => this.push(text),
        useStore: (store) => this.builder.useStore(store),
        lastLineFrames: () => ({ ids: this.found, count: this.lastFrames }),
        forgetLastLine: () => {
          this.lastFrames = -1;
        },
        frameKey: (id) => this.builder.frameKeys[id],
        maxLine: MAX_LINE,
      },
      reading,
    );
  }

  /** Plain or differential, once a data line has decided it. */
  get streamMode(): CollapsedMode | null {
    return this.mode === 'unknown' ? null : this.mode;
  }

  /** What this parser read, flat, for merging into the parser of an earlier part. */
  part(): CollapsedPart {
    const b = this.builder;
    return {
      frames: b.frames,
      frameTexts: b.frameKeys,
      ...b.flat.copy(),
      unparsedLines: this.unparsedLines,
      overlongLines: this.overlongLines,
      internalErrors: this.internalErrors,
      scanned: this.scannedBytes,
    };
  }

  /**
   * Merges the part that follows what this parser read (call in file order, each after this
   * parser has read its own text up to that part's first byte, a line start).
   */
  absorb(part: CollapsedPart): void {
    const remap = new Int32Array(part.frames.length);
    for (let i = 0; i < remap.length; i++) {
      const text = part.frameTexts[i] ?? '';
      const frame = part.frames[i] ?? frameFromText(text);
      const id = this.builder.frameId(text, () => frame);
      if (this.frames.find(text, 0, text.length) < 0) this.frames.add(text, id);
      remap[i] = id;
    }
    const { ids, offsets, weights, weightsB } = part;
    const mapped = new Int32Array(ids.length);
    for (let i = 0; i < ids.length; i++) mapped[i] = remap[ids[i] as number] ?? 0;
    for (let k = 0; k + 1 < offsets.length; k++) {
      const b = weightsB?.[k];
      this.builder.addStackRange(
        mapped,
        offsets[k] as number,
        offsets[k + 1] as number,
        weights[k] ?? 0,
        b === undefined || Number.isNaN(b) ? undefined : b,
      );
    }
    if (this.mode === 'unknown' && weights.length > 0) this.mode = weightsB ? 'diff' : 'plain';
    this.unparsed += part.unparsedLines;
    this.absorbedErrors += part.internalErrors;
    this.absorbedOverlong += part.overlongLines;
  }

  protected takeLine(l: string): void {
    this.line(l, 0, l.length, false);
  }

  /**
   * A line read where it lies in the chunk, when it provably needs no cleaning: every frame in it
   * is one seen before (stored texts are clean) or has no control character, and the rest is
   * spaces, `;` and digits. Anything else goes to takeLine cleaned; nothing changes before that.
   */
  protected override takeRawLine(s: string, start: number, end: number): boolean {
    return this.line(s, start, end, true);
  }

  protected takeOverlong(): void {
    this.unparsed++;
  }

  get unparsedLines(): number {
    return this.unparsed;
  }

  /** Internal errors of this parser and of the parts it absorbed. */
  override get internalErrors(): number {
    return super.internalErrors + this.absorbedErrors + this.byteErrors;
  }

  override get overlongLines(): number {
    return super.overlongLines + this.absorbedOverlong;
  }

  /**
   * The line `s[from, to)`. `raw`: it was not cleaned, so anything that might read differently once
   * cleaned returns false before changing anything; true when the line was taken.
   */
  private line(s: string, from: number, to: number, raw: boolean): boolean {
    let end = to;
    while (end > from && s.charCodeAt(end - 1) === 32) end--;
    let start = from;
    while (start < end && s.charCodeAt(start) === 32) start++;
    if (start === end) return true;
    const first = s.charCodeAt(start);
    if (first === 35 /* # */) return !raw;
    // record's CLI chatter ("py-spy> Samples: 3771 Errors: 0")
    if (first === 112 && end - start >= 8 && s.startsWith('py-spy> ', start)) return !raw;
    let restEnd = lastCount(s, start, end, this.counted);
    if (restEnd < 0) return this.notUnderstood(raw);
    let weight = this.counted.value;
    let weightB: number | undefined;
    let mode = this.mode;
    if (mode !== 'plain') {
      const prevEnd = lastCount(s, start, restEnd, this.counted);
      if (prevEnd > start) {
        weightB = weight;
        weight = this.counted.value;
        restEnd = prevEnd;
        mode = 'diff';
      } else if (mode === 'diff') {
        return this.notUnderstood(raw);
      } else mode = 'plain';
    }
    const known = this.knownStack(s, start, restEnd);
    if (known > 0) {
      this.mode = mode;
      this.builder.addStackRange(this.found, 0, known, weight, weightB);
      this.lastFrames = known;
      return true;
    }
    const n = this.findFrames(s, start, restEnd, raw);
    if (n < 0) return false;
    this.mode = mode;
    if (n === 0) return this.notUnderstood(false);
    this.fillFrameIds(s, n);
    this.builder.addStackRange(this.found, 0, n, weight, weightB);
    this.lastFrames = n;
    return true;
  }

  /** Counts a line not understood, unless it is raw (then the cleaned line decides). */
  private notUnderstood(raw: boolean): boolean {
    if (raw) return false;
    this.unparsed++;
    return true;
  }

  /**
   * The fast path: when every frame of `s[start, end)` is one seen before, their ids in `found`
   * and how many (else 0).
   * Each frame's id is guessed from its hash and length, its characters not compared (a compare
   * per frame costs more than a regex over the line); then the whole line is compared once with
   * the guessed texts joined by `;`. Equal means each frame is exactly its guessed text (stored
   * texts hold no `;`). Anything else (a new frame, a collision, an empty frame `;;`) returns
   * 0 for the exact path. Stored texts are clean, so a raw line read this way needed no cleaning.
   */
  private knownStack(s: string, start: number, end: number): number {
    const texts = this.guessedTexts;
    const ids = this.found;
    let n = 0;
    for (let from = start; from < end;) {
      let to = this.nextSemicolon(s, from);
      if (to < 0 || to > end) to = end;
      const e = this.frames.guess(s, from, to);
      if (e < 0) return 0;
      texts[n] = this.frames.textOf(e);
      ids[n] = this.frames.idOf(e);
      n++;
      from = to + 1;
    }
    if (n === 0) return 0;
    texts.length = n;
    const joined = texts.join(';');
    // slice + !== (a flat compare), not startsWith(joined, start): startsWith made this parser
    // 1.5x slower on the bench's 94 MB file (889 ms against 588 ms). A startsWith per frame
    // instead of the join was slower too (424-455 ms against ~304 in another run).
    if (joined.length !== end - start || s.slice(start, end) !== joined) return 0;
    return n;
  }

  /**
   * Looks up the frames of `s[start, end)` into `found`/`ranges` (id, or -1 for a frame not seen
   * before); returns how many, or -1 when `raw` and a new frame holds a control character.
   */
  private findFrames(s: string, start: number, end: number, raw: boolean): number {
    let n = 0;
    for (let from = start; from <= end;) {
      let semi = this.nextSemicolon(s, from);
      if (semi < 0 || semi > end) semi = end;
      if (semi > from) {
        const id = this.frames.find(s, from, semi);
        if (id < 0 && raw && !isClean(s.slice(from, semi))) return -1;
        this.found[n] = id;
        this.ranges[2 * n] = from;
        this.ranges[2 * n + 1] = semi;
        n++;
      }
      from = semi + 1;
    }
    return n;
  }

  /** The ids of the `n` frames findFrames found, in `found`: new frames added in order. */
  private fillFrameIds(s: string, n: number): void {
    const ids = this.found;
    for (let i = 0; i < n; i++) {
      let id = ids[i] as number;
      if (id < 0) {
        const from = this.ranges[2 * i] as number;
        const to = this.ranges[2 * i + 1] as number;
        id = this.frames.find(s, from, to); // an earlier frame of this line may be the same
        if (id < 0) {
          const text = s.slice(from, to);
          id = this.builder.frameId(text, () => frameFromText(text));
          this.frames.add(text, id);
        }
      }
      ids[i] = id;
    }
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

/**
 * Plain or differential, as the first data line among the whole lines of a file's first bytes
 * decides it (a cut last line could read as plain: `a;b 10` of `a;b 10 2`); null when none does.
 */
export function modeOfHead(head: string): CollapsedMode | null {
  const end = head.lastIndexOf('\n');
  if (end < 0) return null;
  const p = new CollapsedStackParser();
  p.push(head.slice(0, end + 1));
  return p.streamMode;
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
