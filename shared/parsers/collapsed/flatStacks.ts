/**
 * Distinct weighted stacks kept flat: every stack's frame ids end to end in one `Int32Array`,
 * with offsets and weights beside them, repeated stacks merged through an open-addressing index
 * over those arrays. A million-sample profile has ~100 000 distinct stacks: as an array and an
 * object each they were the collector's work (on the bench's file, keeping them alive cost more
 * than finding them); flat, they are a few typed arrays that cross a worker boundary as they are.
 */

/** Stacks as flat arrays: stack k is `ids[offsets[k], offsets[k + 1])`, root first. */
export interface FlatStackList {
  ids: Int32Array<ArrayBuffer>;
  /** One more than there are stacks. */
  offsets: Int32Array<ArrayBuffer>;
  weights: Float64Array<ArrayBuffer>;
  /** Differential input only; NaN where a stack never had a second count. */
  weightsB: Float64Array<ArrayBuffer> | null;
}

/** A list in arrays of its own, exactly sized (to transfer). */
export function copyOfList(list: FlatStackList): FlatStackList {
  return {
    ids: list.ids.slice(),
    offsets: list.offsets.slice(),
    weights: list.weights.slice(),
    weightsB: list.weightsB ? list.weightsB.slice() : null,
  };
}

/** Where distinct stacks are kept: FlatStacks here, or the byte scanner's memory. */
export interface StackStore {
  readonly count: number;
  /** Sums of all weights and second weights added. */
  readonly totalWeight: number;
  readonly totalWeightB: number;
  /**
   * Adds `weight` (and `weightB`) to the stack `src[from, to)`, storing it if it is new. The
   * source is only read.
   */
  add(src: ArrayLike<number>, from: number, to: number, weight: number, weightB?: number): void;
  /** The stacks as they are now, without copying (views: read them before adding more). */
  view(): FlatStackList;
  /** The stacks in arrays of their own, exactly sized (to transfer). */
  copy(): FlatStackList;
}

/** Hash of `ids[from, to)`. */
function hashIds(ids: ArrayLike<number>, from: number, to: number): number {
  let h = 0x811c9dc5 ^ (to - from);
  for (let i = from; i < to; i++) {
    h = Math.imul(h ^ (ids[i] as number), 0x01000193);
    h ^= h >>> 15;
  }
  return h | 0;
}

function grownInt(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}

function grownFloat(a: Float64Array<ArrayBuffer>, need: number): Float64Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Float64Array(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}

export class FlatStacks implements StackStore {
  private ids = new Int32Array(1 << 12);
  private offsets = new Int32Array(1 << 10);
  private weights = new Float64Array(1 << 10);
  private weightsB: Float64Array<ArrayBuffer> | null = null;
  private stackCount = 0;
  totalWeight = 0;
  totalWeightB = 0;
  /** Index slots: stack + 1 (0: empty) and its hash, side by side. */
  private slots = new Int32Array(2 << 10);

  get count(): number {
    return this.stackCount;
  }

  private get idCount(): number {
    return this.offsets[this.stackCount] as number;
  }

  add(src: ArrayLike<number>, from: number, to: number, weight: number, weightB?: number): void {
    this.totalWeight += weight;
    if (weightB !== undefined) this.totalWeightB += weightB;
    const hash = hashIds(src, from, to);
    const mask = this.slots.length - 2;
    let i = (hash << 1) & mask;
    for (; ; i = (i + 2) & mask) {
      const at = (this.slots[i] as number) - 1;
      if (at < 0) break;
      if (this.slots[i + 1] === hash && this.sameIds(at, src, from, to)) {
        this.weights[at] = (this.weights[at] as number) + weight;
        if (weightB !== undefined) this.addB(at, weightB);
        return;
      }
    }
    const k = this.stackCount;
    const start = this.offsets[k] as number;
    const length = to - from;
    this.ids = grownInt(this.ids, start + length);
    const ids = this.ids;
    for (let j = 0; j < length; j++) ids[start + j] = src[from + j] as number;
    this.offsets = grownInt(this.offsets, k + 2);
    this.offsets[k + 1] = start + length;
    this.weights = grownFloat(this.weights, k + 1);
    this.weights[k] = weight;
    if (this.weightsB) {
      this.weightsB = grownFloat(this.weightsB, k + 1);
      this.weightsB[k] = Number.NaN;
    }
    if (weightB !== undefined) this.addB(k, weightB);
    this.stackCount = k + 1;
    this.slots[i] = k + 1;
    this.slots[i + 1] = hash;
    if (4 * this.stackCount > this.slots.length) this.growIndex();
  }

  view(): FlatStackList {
    const n = this.stackCount;
    return {
      ids: this.ids.subarray(0, this.idCount),
      offsets: this.offsets.subarray(0, n + 1),
      weights: this.weights.subarray(0, n),
      weightsB: this.weightsB ? this.weightsB.subarray(0, n) : null,
    };
  }

  copy(): FlatStackList {
    return copyOfList(this.view());
  }

  private addB(k: number, weightB: number): void {
    if (!this.weightsB) {
      this.weightsB = new Float64Array(this.weights.length).fill(Number.NaN);
    }
    const b = this.weightsB[k] as number;
    this.weightsB[k] = Number.isNaN(b) ? weightB : b + weightB;
  }

  private sameIds(k: number, src: ArrayLike<number>, from: number, to: number): boolean {
    const start = this.offsets[k] as number;
    if ((this.offsets[k + 1] as number) - start !== to - from) return false;
    const ids = this.ids;
    for (let i = from; i < to; i++) if (ids[start + i - from] !== src[i]) return false;
    return true;
  }

  private growIndex(): void {
    this.slots = new Int32Array(2 * this.slots.length);
    const mask = this.slots.length - 2;
    for (let k = 0; k < this.stackCount; k++) {
      const from = this.offsets[k] as number;
      const hash = hashIds(this.ids, from, this.offsets[k + 1] as number);
      let i = (hash << 1) & mask;
      while (this.slots[i] !== 0) i = (i + 2) & mask;
      this.slots[i] = k + 1;
      this.slots[i + 1] = hash;
    }
  }
}
