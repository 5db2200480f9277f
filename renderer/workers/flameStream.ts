import { treeToData } from '../../shared/flame/stackTreeData';
import { RECORD_DATA_MARKER } from '../../shared/captures/recipes';
import { StackTree } from '../../shared/flame/stackTree';
import {
  CollapsedStackParser,
  type CollapsedPart,
  type CollapsedPartsTarget,
} from '../../shared/parsers/collapsed/index';
import { byteLineEnds, lineEnds } from '../../shared/parsers/lineSplitter';
import { RecordChatterParser } from '../../shared/parsers/pyspy/recordChatter';
import type { StreamParser } from '../../shared/parsers/streamParser';
import type { StackSamples } from '../../shared/parsers/collapsed/index';
import { collapsedByteReading } from './collapsedScanner';
import { MarkerGate } from './markerGate';
import type { FlameProgress, FlameStreamModel } from './parseProtocol';

/**
 * Collapsed stacks (a `py-spy record`, a pasted file) read and turned into a flame-graph tree in
 * the worker: on a 1 M-sample recording the tree costs about as much as the parse, and the UI
 * thread gets it as transferred typed arrays instead of cloning 100 000 stacks and building it.
 * While text flows only progress is reported; the tree is built when the stream ends or pauses.
 * (Grown stack by stack as the text arrives, through the child hash, the tree cost 0.8 s more on
 * a 1 M-sample file than this sorted build at the end: each probe misses the cache.)
 */
/** A profile of this many frames (summed over its stacks) or more gets a preview first. */
const PREVIEW_MIN_FRAMES = 250_000;
/** See buildPreview. */
const PREVIEW_DIVISOR = 16_384;

export class FlameStream {
  private readonly parser: StreamParser<StackSamples>;
  private readonly collapsed = new CollapsedStackParser();
  private readonly reading = collapsedByteReading();
  private readonly gate: MarkerGate<StackSamples> | null;
  private chars = 0;
  private lines = 0;
  /** 1 + the parts read by other threads and merged in. */
  private threads = 1;
  /** Bytes were pushed (then `scanned` says whether every thread's went through the scanner). */
  private bytes = false;
  private partsScanned = true;
  /** What other threads have read of the parts not merged yet, by part. */
  private readonly elsewhere = new Map<number, { chars: number; lines: number }>();
  private phase: FlameProgress['phase'] = 'waiting';
  /** Text arrived (or the stream ended, flushing a last line) since the last tree. */
  private dirty = false;
  private failure: string | undefined;
  /** py-spy record's own report before the stacks ("Samples: 434 Errors: 68"). */
  private readonly chatter = new RecordChatterParser();

  constructor(options: { ungated?: boolean }) {
    this.gate = options.ungated
      ? null
      : new MarkerGate(RECORD_DATA_MARKER, this.collapsed, this.chatter);
    this.parser = this.gate ?? this.collapsed;
    // A paste needs no marker, and an empty one still gets its (empty) tree.
    if (!this.gate) {
      this.phase = 'reading';
      this.dirty = true;
    }
  }

  push(text: string): void {
    this.parser.push(text);
    if (this.gate && !this.gate.started) return;
    this.took(text.length, lineEnds(text));
  }

  /**
   * A file's bytes (no recording's marker to wait for), read by the collapsed parser's scanner
   * (see shared/parsers/collapsed/collapsedBytes.ts). Progress counts bytes as characters.
   */
  pushBytes(bytes: Uint8Array): void {
    this.collapsed.pushBytes(bytes, this.reading);
    this.bytes = true;
    this.took(bytes.length, byteLineEnds(bytes));
  }

  private took(chars: number, lines: number): void {
    if (this.phase === 'waiting' || this.phase === 'built') this.phase = 'reading';
    this.dirty = true;
    this.chars += chars;
    this.lines += lines;
  }

  /**
   * A file (no recording's marker to wait for) may be read in parts by other threads: see
   * shared/parsers/collapsed/collapsedParts.ts.
   */
  get collapsedParts(): CollapsedPartsTarget | undefined {
    if (this.gate) return undefined;
    return {
      reading: (index: number, chars: number, lines: number) => {
        this.elsewhere.set(index, { chars, lines });
      },
      absorb: (index: number, part: CollapsedPart, chars: number, lines: number) => {
        this.collapsed.absorb(part);
        this.partsScanned &&= part.scanned;
        this.elsewhere.delete(index);
        this.threads++;
        this.dirty = true;
        this.chars += chars;
        this.lines += lines;
      },
    };
  }

  end(): void {
    this.parser.end();
    // The parser's end may complete a last line without a newline: worth a tree of its own.
    if (this.started) this.dirty = true;
  }

  /** The text ended; its tree is built next (see build). */
  startBuilding(): void {
    if (this.dirty && this.phase === 'reading') this.phase = 'building';
  }

  /** True when a new tree would differ from the last one built. */
  get changed(): boolean {
    return this.dirty;
  }

  get started(): boolean {
    return this.phase !== 'waiting';
  }

  progress(): FlameProgress {
    const reported = this.chatter.snapshot();
    let chars = this.chars;
    let lines = this.lines;
    for (const part of this.elsewhere.values()) {
      chars += part.chars;
      lines += part.lines;
    }
    return {
      phase: this.phase,
      chars,
      lines,
      ...(this.threads > 1 ? { threads: this.threads } : {}),
      ...(this.bytes ? { scanned: this.collapsed.scannedBytes && this.partsScanned } : {}),
      ...(this.failure ? { failure: this.failure } : {}),
      ...(reported ? { reported } : {}),
    };
  }

  /**
   * The first view of a large profile, while its whole tree is built: only the nodes at least
   * 1/PREVIEW_DIVISOR of the samples, so under half a pixel (the layout's least width) on a
   * graph up to 8192 CSS pixels wide. Every total is exact and nothing visible is missing: drawn
   * at full width it is the whole tree's picture. The bench's 1 M samples: 15 000 nodes of
   * 1.7 M, ~50 ms against ~350 (and no 1.7 M-node read side for the page to lay out). Null
   * for a small profile (its whole tree is as quick) or a diff (drawn by two series' shares).
   */
  buildPreview(): FlameStreamModel | null {
    try {
      const samples = this.collapsed.flatInPlace();
      if (samples.ids.length < PREVIEW_MIN_FRAMES) return null;
      if (samples.weightsB?.some((b) => !Number.isNaN(b))) return null;
      const minWeight = samples.totalWeight / PREVIEW_DIVISOR;
      const tree = treeToData(StackTree.fromSamples(samples, { minWeight }), true);
      return { progress: this.progress(), tree, stacks: samples.weights.length, preview: true };
    } catch {
      // Out of memory, say: no preview; the whole build, next, reports what failed.
      return null;
    }
  }

  /** The tree of everything read so far; the caller transfers its buffers. */
  build(): FlameStreamModel {
    const started = performance.now();
    try {
      // Read in place and flat, not copied (100 000 stacks on a 1 M-sample file): the build only
      // reads them, before any more text comes. Behind a gate, the same parser has the stacks.
      const samples = this.collapsed.flatInPlace();
      // The tree is this build's own: its arrays are handed over, not copied.
      const tree = treeToData(StackTree.fromSamples(samples), true);
      this.phase = 'built';
      this.dirty = false;
      return {
        progress: { ...this.progress(), buildMs: performance.now() - started },
        tree,
        stacks: samples.weights.length,
      };
    } catch (error) {
      // Out of memory on a huge recording, for instance: say so, keep the last tree on screen.
      this.phase = 'failed';
      this.dirty = false;
      this.failure = error instanceof Error ? error.message : String(error);
      return { progress: this.progress(), tree: null, stacks: 0 };
    }
  }

  get unparsedLines(): number {
    return this.parser.unparsedLines;
  }

  get overlongLines(): number {
    return this.parser.overlongLines ?? 0;
  }
}
