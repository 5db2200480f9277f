/**
 * Aggregated stack samples: the model behind flame graphs, built from collapsed ("folded") stacks,
 * py-spy `record --format raw` or speedscope files. Reference:
 * docs/tool-output-formats.md §1.2 (folded stacks) and §1.3 (speedscope).
 *
 * Frames are deduplicated into one table and stacks are arrays of frame ids, root first, so a
 * flame graph of ~1 million samples over ~100 000 distinct stacks stays a few tens of MB and
 * can be built in one pass (sort or trie-insert `frameIds`). Identical stacks are merged.
 */

export interface StackFrame {
  /** Function or symbol; for frames that are not `fn (file:line)`, the whole frame text. */
  name: string;
  file?: string;
  line?: number;
}

export interface WeightedStack {
  /** Indexes into `StackSamples.frames`, root first, leaf last. */
  frameIds: number[];
  /** Sample count (or the first count of a differential line). */
  weight: number;
  /** Differential input only: the second count (`stack before after`). */
  weightB?: number;
}

export interface StackSamples {
  /** Deduplicated frame table, in order of first appearance. */
  frames: StackFrame[];
  /** Distinct stacks, in order of first appearance; repeated stacks have their weights summed. */
  stacks: WeightedStack[];
  /** Sum of `weight` over all stacks. */
  totalWeight: number;
  /** Lines had two trailing counts (`difffolded.pl` output); then every stack has `weightB`. */
  differential?: boolean;
  /** Sum of `weightB` (differential input). */
  totalWeightB?: number;
}

export function emptyStackSamples(): StackSamples {
  return { frames: [], stacks: [], totalWeight: 0 };
}

/**
 * Hash index over stacks (by their frame-id arrays), for merging repeated stacks without building
 * a string key per stack. Open addressing over typed arrays: a Map of numbers to numbers or lists
 * took ~7 % of the collapsed parse in profiles.
 */
export class StackIndex {
  /** Stack index + 1, 0 when empty; `hashes` holds each slot's hash. */
  private slots = new Int32Array(1 << 10);
  private hashes = new Int32Array(1 << 10);
  private size = 0;

  constructor(private readonly stacks: WeightedStack[]) {}

  static hash(ids: readonly number[]): number {
    let h = 0x811c9dc5 ^ ids.length;
    for (let i = 0; i < ids.length; i++) {
      h = Math.imul(h ^ (ids[i] as number), 0x01000193);
      h ^= h >>> 15;
    }
    return h | 0;
  }

  /** Index of the stack with these ids, or -1. */
  find(ids: readonly number[], hash: number): number {
    const mask = this.slots.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const at = (this.slots[i] as number) - 1;
      if (at < 0) return -1;
      if (this.hashes[i] === hash && sameIds(this.stacks[at]?.frameIds, ids)) return at;
    }
  }

  add(index: number, hash: number): void {
    if (2 * (this.size + 1) > this.slots.length) this.grow();
    this.place(index, hash);
    this.size++;
  }

  private place(index: number, hash: number): void {
    const mask = this.slots.length - 1;
    let i = hash & mask;
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.slots[i] = index + 1;
    this.hashes[i] = hash;
  }

  private grow(): void {
    const slots = this.slots;
    const hashes = this.hashes;
    this.slots = new Int32Array(2 * slots.length);
    this.hashes = new Int32Array(2 * slots.length);
    for (let i = 0; i < slots.length; i++) {
      const at = (slots[i] as number) - 1;
      if (at >= 0) this.place(at, hashes[i] as number);
    }
  }
}

function sameIds(a: readonly number[] | undefined, b: readonly number[]): boolean {
  if (a === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Builds a StackSamples incrementally: frames deduplicated by key, stacks merged. */
export class StackSamplesBuilder {
  readonly frames: StackFrame[] = [];
  readonly stacks: WeightedStack[] = [];
  totalWeight = 0;
  totalWeightB = 0;
  /** Each frame's dedup key, by id. */
  readonly frameKeys: string[] = [];
  private readonly frameIds = new Map<string, number>();
  private readonly index = new StackIndex(this.stacks);

  /** Id of the frame with this dedup key, creating it with `make()` the first time. */
  frameId(key: string, make: () => StackFrame): number {
    let id = this.frameIds.get(key);
    if (id === undefined) {
      id = this.frames.length;
      this.frames.push(make());
      this.frameKeys.push(key);
      this.frameIds.set(key, id);
    }
    return id;
  }

  /** Adds `weight` (and `weightB`) to the stack with these ids; `ids` is kept, do not reuse it. */
  addStack(ids: number[], weight: number, weightB?: number): void {
    const hash = StackIndex.hash(ids);
    const at = this.index.find(ids, hash);
    this.totalWeight += weight;
    if (weightB !== undefined) this.totalWeightB += weightB;
    if (at >= 0) {
      const s = this.stacks[at] as WeightedStack;
      s.weight += weight;
      if (weightB !== undefined) s.weightB = (s.weightB ?? 0) + weightB;
      return;
    }
    this.index.add(this.stacks.length, hash);
    const stack: WeightedStack = { frameIds: ids, weight };
    if (weightB !== undefined) stack.weightB = weightB;
    this.stacks.push(stack);
  }

  /** The builder's own arrays as samples (see CollapsedStackParser.samplesInPlace). */
  inPlace(differential: boolean): StackSamples {
    const out: StackSamples = {
      frames: this.frames,
      stacks: this.stacks,
      totalWeight: this.totalWeight,
    };
    if (differential) {
      out.differential = true;
      out.totalWeightB = this.totalWeightB;
    }
    return out;
  }

  /** A snapshot: new arrays and stack records (frame-id arrays are shared, never changed). */
  build(differential: boolean): StackSamples {
    return {
      ...this.inPlace(differential),
      frames: this.frames.map((f) => ({ ...f })),
      stacks: this.stacks.map((s) =>
        s.weightB === undefined
          ? { frameIds: s.frameIds, weight: s.weight }
          : { frameIds: s.frameIds, weight: s.weight, weightB: s.weightB },
      ),
    };
  }
}
