/**
 * Aggregated stack samples: the model behind flame graphs, built from collapsed ("folded") stacks,
 * py-spy `record --format raw` or speedscope files. Reference:
 * docs/tool-output-formats.md §1.2 (folded stacks) and §1.3 (speedscope).
 *
 * Frames are deduplicated into one table and stacks are arrays of frame ids, root first, so a
 * flame graph of ~1 million samples over ~100 000 distinct stacks stays a few tens of MB and
 * can be built in one pass (sort or trie-insert `frameIds`). Identical stacks are merged.
 */
import { FlatStacks, type FlatStackList, type StackStore } from './flatStacks';

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

/** StackSamples with the stacks flat (see FlatStacks): what a flame tree is built from. */
export interface FlatStackSamples extends FlatStackList {
  frames: StackFrame[];
  totalWeight: number;
  differential?: boolean;
  totalWeightB?: number;
}

export function emptyStackSamples(): StackSamples {
  return { frames: [], stacks: [], totalWeight: 0 };
}

/** Builds a StackSamples incrementally: frames deduplicated by key, stacks merged (flat). */
export class StackSamplesBuilder {
  readonly frames: StackFrame[] = [];
  /** Each frame's dedup key, by id. */
  readonly frameKeys: string[] = [];
  private readonly frameIds = new Map<string, number>();
  /** The distinct stacks. */
  private store: StackStore = new FlatStacks();
  /** Records made for the stacks so far (see `stacks`), kept so each is made once. */
  private readonly records: WeightedStack[] = [];

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

  /** Adds `weight` (and `weightB`) to the stack with these ids (only read, may be reused). */
  addStack(ids: readonly number[], weight: number, weightB?: number): void {
    this.addStackRange(ids, 0, ids.length, weight, weightB);
  }

  /** addStack of the ids `src[from, to)`. */
  addStackRange(
    src: ArrayLike<number>,
    from: number,
    to: number,
    weight: number,
    weightB?: number,
  ): void {
    this.store.add(src, from, to, weight, weightB);
  }

  get totalWeight(): number {
    return this.store.totalWeight;
  }

  get totalWeightB(): number {
    return this.store.totalWeightB;
  }

  /** The distinct stacks. */
  get flat(): StackStore {
    return this.store;
  }

  /** Keeps the stacks in `store` from now on: only before any is added (else false). */
  useStore(store: StackStore): boolean {
    if (this.store.count > 0 || store.count > 0) return false;
    this.store = store;
    return true;
  }

  /**
   * The stacks as records, in order of first appearance. Made on demand, once per stack (their
   * frame-id arrays never change), their weights brought up to date on every call.
   */
  get stacks(): WeightedStack[] {
    const { ids, offsets, weights, weightsB } = this.store.view();
    const records = this.records;
    const withB = (r: WeightedStack, k: number): WeightedStack => {
      const b = weightsB?.[k];
      if (b !== undefined && !Number.isNaN(b)) r.weightB = b;
      return r;
    };
    for (let k = 0; k < records.length; k++) {
      const r = records[k] as WeightedStack;
      r.weight = weights[k] ?? 0;
      withB(r, k);
    }
    for (let k = records.length; k < weights.length; k++) {
      const frameIds = Array.from(ids.subarray(offsets[k] ?? 0, offsets[k + 1] ?? 0));
      records.push(withB({ frameIds, weight: weights[k] ?? 0 }, k));
    }
    return records;
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

  /** The samples flat, without copying (read them before adding more). */
  flatInPlace(differential: boolean): FlatStackSamples {
    const out: FlatStackSamples = {
      frames: this.frames,
      ...this.store.view(),
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
