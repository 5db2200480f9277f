/**
 * The (parent, frame) → child hash a `StackTree` finds children through while it is built:
 * open addressing, 3 ints a slot (parent, frame, node id + 1; 0 = empty), kept at most half full.
 */
import { NO_NODE } from './nodeIds';

function mix(parent: number, frame: number): number {
  let h = Math.imul(parent, 0x9e3779b1) ^ Math.imul(frame + 0x7f4a7c15, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

export class ChildHash {
  private table: Int32Array;
  private mask: number;

  constructor(size: number) {
    this.table = new Int32Array(size * 3);
    this.mask = size - 1;
  }

  /** A hash of nodes 1 .. count - 1, sized for them, at most half full. */
  static of(parent: Int32Array, frame: Int32Array, count: number): ChildHash {
    let size = 1024;
    while (size < count * 2 + 2) size *= 2;
    const hash = new ChildHash(size);
    const table = hash.table;
    const mask = hash.mask;
    for (let id = 1; id < count; id++) {
      const p = parent[id] ?? 0;
      const f = frame[id] ?? 0;
      let slot = mix(p, f) & mask;
      while ((table[slot * 3 + 2] ?? 0) !== 0) slot = (slot + 1) & mask;
      table[slot * 3] = p;
      table[slot * 3 + 1] = f;
      table[slot * 3 + 2] = id + 1;
    }
    return hash;
  }

  /** The slot holding (parent, frame), or the empty slot where it would go. */
  slotOf(parent: number, frame: number): number {
    const table = this.table;
    const mask = this.mask;
    let slot = mix(parent, frame) & mask;
    // One probe reads one 12-byte slot (parent, frame, id + 1): a single cache miss per lookup.
    for (;;) {
      const at = slot * 3;
      const entry = table[at + 2] ?? 0;
      if (entry === 0) return slot;
      if (table[at] === parent && table[at + 1] === frame) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** The node in `slot`, or NO_NODE when it is empty. */
  nodeAt(slot: number): number {
    const entry = this.table[slot * 3 + 2] ?? 0;
    return entry === 0 ? NO_NODE : entry - 1;
  }

  /** An existing child, or NO_NODE. */
  find(parent: number, frame: number): number {
    return this.nodeAt(this.slotOf(parent, frame));
  }

  /** True when holding `nodes` nodes would make the table more than half full. */
  isFullFor(nodes: number): boolean {
    return nodes * 2 > this.mask + 1;
  }

  /** Enters `node` as the child (parent, frame) in the empty `slot` found by `slotOf`. */
  set(slot: number, parent: number, frame: number, node: number): void {
    const at = slot * 3;
    this.table[at] = parent;
    this.table[at + 1] = frame;
    this.table[at + 2] = node + 1;
  }

  /** Doubles the table. */
  grow(): void {
    const old = this.table;
    const size = (this.mask + 1) * 2;
    const table = new Int32Array(size * 3);
    const mask = size - 1;
    for (let at = 0; at < old.length; at += 3) {
      const entry = old[at + 2] ?? 0;
      if (entry === 0) continue;
      const parent = old[at] ?? 0;
      const frame = old[at + 1] ?? 0;
      let slot = mix(parent, frame) & mask;
      while ((table[slot * 3 + 2] ?? 0) !== 0) slot = (slot + 1) & mask;
      table[slot * 3] = parent;
      table[slot * 3 + 1] = frame;
      table[slot * 3 + 2] = entry;
    }
    this.table = table;
    this.mask = mask;
  }
}
