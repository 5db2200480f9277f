/**
 * The byte scanner's stack store (scripts/wasm/stackStore.ts) seen as a StackStore: the stacks
 * the scanner reads and those the text parser reads go to one place, in the scanner's memory.
 * Views are over that memory: read them before anything is added (it may grow and move).
 */
import type { ScanMachine } from './collapsedBytes';
import { copyOfList, type FlatStackList, type StackStore } from './flatStacks';

export class ScannerStacks implements StackStore {
  /** Some stack has had a second count (then `weightsB` is part of the views). */
  private differential = false;

  constructor(private readonly machine: ScanMachine) {}

  get count(): number {
    return this.machine.stackCount();
  }

  get totalWeight(): number {
    return this.machine.totalWeight();
  }

  get totalWeightB(): number {
    return this.machine.totalWeightB();
  }

  /** The scanner adds differential stacks itself: the feed says so when it reads in that mode. */
  markDifferential(): void {
    this.differential = true;
  }

  add(src: ArrayLike<number>, from: number, to: number, weight: number, weightB?: number): void {
    const m = this.machine;
    const n = to - from;
    if (n > m.lineIdsCapacity()) throw new Error(`a stack of ${n} frames`);
    const ids = new Int32Array(m.memory(), m.lineIdsAt(), n);
    for (let i = 0; i < n; i++) ids[i] = src[from + i] as number;
    if (weightB !== undefined) this.differential = true;
    m.addStack(m.lineIdsAt(), n, weight, weightB ?? Number.NaN);
  }

  view(): FlatStackList {
    const m = this.machine;
    const memory = m.memory();
    const count = m.stackCount();
    return {
      ids: new Int32Array(memory, m.idsAt(), m.idCount()),
      offsets: new Int32Array(memory, m.offsetsAt(), count + 1),
      weights: new Float64Array(memory, m.stackWeightsAt(), count),
      weightsB: this.differential ? new Float64Array(memory, m.stackWeightsBAt(), count) : null,
    };
  }

  copy(): FlatStackList {
    return copyOfList(this.view());
  }
}
