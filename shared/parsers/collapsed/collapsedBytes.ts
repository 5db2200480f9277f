/**
 * Collapsed stacks read from UTF-8 bytes: the same model as decoding the bytes and pushing the
 * text, with most lines read by a WebAssembly scanner (docs/collapsed-scanner.md). The scanner
 * takes a line only when every frame in it is one whose exact bytes the text parser has tied to
 * an id, and the line holds nothing the text parser would clean or read differently; every
 * other line goes, decoded, through the text parser, which is at a line start whenever a line is
 * handed over. After such a line, its frames the scanner did not know are registered, each only
 * if its bytes decode to the text of the id the parser gave it. So the scanner never decides what
 * a frame is: a frame's bytes map to an id only because the text parser read them as that frame.
 *
 * Without the scanner (no WebAssembly, or a policy that refuses compiling it), the bytes are
 * decoded and pushed: same model, the text parser's speed. Nothing here throws on any input.
 */
import { ScannerStacks } from './scannerStacks';

/** The compiled scanner's exports (scripts/wasm/collapsedScan.ts), as numbers in and out. */
export interface ScanMachine {
  /** Its memory now (it may grow and move: make views again after any call). */
  memory(): ArrayBuffer;
  inputAt(): number;
  inputCapacity(): number;
  lineIdsAt(): number;
  lineIdsCapacity(): number;
  scratchAt(): number;
  position(): number;
  rewind(): void;
  slowLineStart(): number;
  slowLineEnd(): number;
  slowLineFrames(): number;
  register(start: number, end: number, id: number): void;
  scan(length: number, mode: number, maxLine: number): number;
  addStack(at: number, n: number, weight: number, weightB: number): void;
  stackCount(): number;
  idCount(): number;
  idsAt(): number;
  offsetsAt(): number;
  stackWeightsAt(): number;
  stackWeightsBAt(): number;
  totalWeight(): number;
  totalWeightB(): number;
}

/** A UTF-8 decoder that keeps a byte-order mark and replaces bad bytes (TextDecoder's shape). */
export interface Utf8Decoder {
  decode(bytes: Uint8Array, options?: { stream?: boolean }): string;
}

/** What reading bytes needs from the host: a scanner (or null) and UTF-8 decoders. */
export interface ByteReading {
  machine(): ScanMachine | null;
  decoder(): Utf8Decoder;
}

/** The text parser behind the feed. */
export interface ByteTarget {
  /** 0 while no line has decided it, 1 plain, 2 differential. */
  scanMode(): number;
  pushText(text: string): void;
  /** Keeps the stacks in `store` from now on; false if it already holds some. */
  useStore(store: ScannerStacks): boolean;
  /** The frame ids of the last line the text parser took as a stack, and how many (-1: none). */
  lastLineFrames(): { ids: ArrayLike<number>; count: number };
  forgetLastLine(): void;
  frameKey(id: number): string | undefined;
  readonly maxLine: number;
}

const NEED_MORE = 0;
const SLOW_LINE = 1;
const BOM = [0xef, 0xbb, 0xbf];

export class CollapsedByteFeed {
  private machine: ScanMachine | null;
  /** The scanner's stacks, where the parser keeps its stacks when there is a scanner. */
  private readonly stacks: ScannerStacks | null;
  /** Decodes the text the text parser gets, as one stream (used when there is no scanner). */
  private readonly stream: Utf8Decoder;
  /** Decodes one whole line or frame (no state between calls). */
  private readonly piece: Utf8Decoder;
  /** Bytes of an unfinished line at the start of the scanner's input. */
  private carried = 0;
  /** A line too long for the input window is being passed to the text parser as it arrives. */
  private passing = false;
  /** Frames are still registered (false once the scanner's memory could not grow). */
  private registering = true;
  /** Up to 3 first bytes, until it is known whether they are a byte-order mark. */
  private head: number[] | null = [];

  constructor(
    private readonly target: ByteTarget,
    reading: ByteReading,
  ) {
    const machine = reading.machine();
    this.stacks = machine ? new ScannerStacks(machine) : null;
    this.machine = this.stacks && target.useStore(this.stacks) ? machine : null;
    this.stream = reading.decoder();
    this.piece = reading.decoder();
  }

  /** Whether lines are read by the scanner (false: decoded and pushed). */
  get scanning(): boolean {
    return this.machine !== null;
  }

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const head = this.head;
    if (head !== null) {
      // The stream's first 3 bytes decide whether it starts with a byte-order mark (dropped).
      let i = 0;
      while (head.length < 3 && i < bytes.length) head.push(bytes[i++] as number);
      if (head.length < 3) return;
      this.head = null;
      if (!head.every((b, k) => b === BOM[k])) this.read(Uint8Array.from(head));
      this.read(bytes.subarray(i));
    } else this.read(bytes);
  }

  private read(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.machine === null) {
      this.target.pushText(this.stream.decode(bytes, { stream: true }));
    } else this.scanChunk(this.machine, bytes);
  }

  /** The stream ended: the unfinished last line goes to the text parser. */
  end(): void {
    if (this.head !== null) {
      const head = Uint8Array.from(this.head);
      this.head = null;
      this.read(head);
    }
    if (this.machine !== null) this.passCarried(this.machine);
    this.target.pushText(this.stream.decode(new Uint8Array(0)));
  }

  private scanChunk(machine: ScanMachine, chunk: Uint8Array): void {
    const input = machine.inputAt();
    const capacity = machine.inputCapacity();
    let taken = 0;
    while (taken < chunk.length) {
      if (this.passing) {
        const nl = chunk.indexOf(10, taken);
        const to = nl < 0 ? chunk.length : nl + 1;
        this.target.pushText(this.stream.decode(chunk.subarray(taken, to), { stream: true }));
        taken = to;
        if (nl >= 0) this.passing = false;
        continue;
      }
      const take = Math.min(capacity - this.carried, chunk.length - taken);
      new Uint8Array(machine.memory(), input + this.carried, take).set(
        chunk.subarray(taken, taken + take),
      );
      taken += take;
      const length = this.carried + take;
      this.carried = 0;
      if (!this.scanWindow(machine, input, length)) {
        // The scanner failed (a bug): the rest of the stream is decoded and pushed.
        this.machine = null;
        this.target.pushText(this.stream.decode(chunk.subarray(taken), { stream: true }));
        return;
      }
      const from = machine.position();
      this.carried = length - from;
      new Uint8Array(machine.memory()).copyWithin(input, input + from, input + length);
      if (this.carried > capacity >> 1) {
        // Longer than any line the parser keeps: the text parser counts it as it arrives.
        this.passCarried(machine);
        this.passing = true;
      }
    }
  }

  /**
   * Scans input[0, length) until only an unfinished line is left. False if the scanner failed:
   * then what it had not read is already pushed as text.
   */
  private scanWindow(machine: ScanMachine, input: number, length: number): boolean {
    const target = this.target;
    machine.rewind();
    for (;;) {
      const from = machine.position();
      let status: number;
      const mode = target.scanMode();
      if (mode === 2) this.stacks?.markDifferential();
      try {
        status = machine.scan(length, mode, target.maxLine);
      } catch {
        status = -1;
      }
      if (status === NEED_MORE) return true;
      if (status !== SLOW_LINE) {
        // A failed scan (or an answer it never gives): what it had not read goes as text.
        const unread = new Uint8Array(machine.memory(), input + from, length - from);
        target.pushText(this.stream.decode(unread, { stream: true }));
        return false;
      }
      const start = machine.slowLineStart();
      const end = machine.slowLineEnd();
      const line = new Uint8Array(machine.memory(), input + start, end - start);
      target.forgetLastLine();
      target.pushText(this.piece.decode(line));
      const frames = machine.slowLineFrames();
      if (frames > 0 && this.registering) this.register(machine, input, frames);
    }
  }

  /** Registers the frames of the line just handed back that the scanner did not know. */
  private register(machine: ScanMachine, input: number, frames: number): void {
    const last = this.target.lastLineFrames();
    if (last.count !== frames) return; // not read as a stack of those frames: nothing to tie
    const scratch = new Int32Array(machine.memory(), machine.scratchAt(), 3 * frames);
    const ranges = Array.from(scratch);
    for (let j = 0; j < frames; j++) {
      if ((ranges[3 * j + 2] as number) >= 0) continue;
      const start = ranges[3 * j] as number;
      const end = ranges[3 * j + 1] as number;
      const id = last.ids[j] as number;
      const bytes = new Uint8Array(machine.memory(), input + start, end - start);
      if (this.piece.decode(bytes) !== this.target.frameKey(id)) continue;
      try {
        machine.register(start, end, id);
      } catch {
        // Out of memory: the table stays as it was; later lines with new frames go as text.
        this.registering = false;
        return;
      }
    }
  }

  /** Hands the scanner's unfinished line to the text parser, as text of the stream. */
  private passCarried(machine: ScanMachine): void {
    if (this.carried === 0) return;
    const bytes = new Uint8Array(machine.memory(), machine.inputAt(), this.carried);
    this.carried = 0;
    this.target.pushText(this.stream.decode(bytes, { stream: true }));
  }
}
