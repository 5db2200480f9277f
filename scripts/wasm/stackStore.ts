/**
 * The distinct stacks, flat, as shared/parsers/collapsed/flatStacks.ts keeps them in JavaScript:
 * every stack's frame ids end to end, offsets (one more than stacks), weights, second weights
 * (NaN: none), merged through an open-addressing index (slots of 8 bytes: stack + 1, hash).
 * Kept here so a line read by the scanner costs no call out and no JavaScript allocation.
 */
import { alloc, regrow } from './heap';

let ids: usize = 0;
let idCap: u32 = 0;
let idLen: u32 = 0;
let offsets: usize = 0;
let weights: usize = 0;
let weightsB: usize = 0;
let stackCap: u32 = 0;
let stacks: u32 = 0;
let slots: usize = 0;
let slotMask: u32 = 0;
let weightSum: f64 = 0;
let weightBSum: f64 = 0;

/**
 * Room reserved up front: memory not yet written costs nothing, a page written for the first time
 * costs a fault, so regions start large (room for ~64 Ki stacks) instead of being copied as they
 * grow. The frame ids come last, so they can grow where they are.
 */
export function initStacks(): void {
  stackCap = 1 << 16;
  offsets = alloc((<usize>stackCap + 1) << 2);
  store<i32>(offsets, 0);
  weights = alloc((<usize>stackCap) << 3);
  weightsB = alloc((<usize>stackCap) << 3);
  slotMask = (1 << 18) - 1;
  slots = alloc((<usize>slotMask + 1) << 3);
  idCap = 1 << 20;
  ids = alloc((<usize>idCap) << 2);
}

export function stackCount(): u32 {
  return stacks;
}
export function totalWeight(): f64 {
  return weightSum;
}
export function totalWeightB(): f64 {
  return weightBSum;
}
export function idCount(): u32 {
  return idLen;
}
export function idsAt(): usize {
  return ids;
}
export function offsetsAt(): usize {
  return offsets;
}
export function stackWeightsAt(): usize {
  return weights;
}
export function stackWeightsBAt(): usize {
  return weightsB;
}

function hashIds(p: usize, n: u32): u32 {
  let h: u32 = 0x811c9dc5 ^ n;
  for (let i: usize = 0; i < <usize>n; i++) {
    h = (h ^ load<u32>(p + (i << 2))) * 0x01000193;
    h ^= h >> 15;
  }
  return h;
}

function sameIds(k: u32, p: usize, n: u32): bool {
  const from = load<u32>(offsets + ((<usize>k) << 2));
  if (load<u32>(offsets + ((<usize>k + 1) << 2)) - from != n) return false;
  const at = ids + ((<usize>from) << 2);
  let i: usize = 0;
  const bytes = (<usize>n) << 2;
  for (; i + 8 <= bytes; i += 8) if (load<u64>(at + i) != load<u64>(p + i)) return false;
  return i == bytes || load<u32>(at + i) == load<u32>(p + i);
}

function place(k: u32, h: u32): void {
  let i = h & slotMask;
  while (load<u32>(slots + ((<usize>i) << 3)) != 0) i = (i + 1) & slotMask;
  store<u32>(slots + ((<usize>i) << 3), k + 1);
  store<u32>(slots + ((<usize>i) << 3), h, 4);
}

/** Makes room for one more stack of `n` ids; everything is allocated before anything changes. */
function reserve(n: u32): void {
  if (idLen + n > idCap) {
    const cap = max(idCap << 1, idLen + n);
    ids = regrow(ids, (<usize>idCap) << 2, (<usize>idLen) << 2, (<usize>cap) << 2);
    idCap = cap;
  }
  if (stacks + 1 >= stackCap) {
    const cap = stackCap << 1;
    const o = regrow(
      offsets,
      (<usize>stackCap + 1) << 2,
      (<usize>stacks + 1) << 2,
      (<usize>cap + 1) << 2,
    );
    const w = regrow(weights, (<usize>stackCap) << 3, (<usize>stacks) << 3, (<usize>cap) << 3);
    const b = regrow(weightsB, (<usize>stackCap) << 3, (<usize>stacks) << 3, (<usize>cap) << 3);
    offsets = o;
    weights = w;
    weightsB = b;
    stackCap = cap;
  }
  if ((stacks + 1) * 2 > slotMask + 1) {
    const old = slots;
    const oldSize = <usize>slotMask + 1;
    slots = alloc(oldSize << 4);
    slotMask = slotMask * 2 + 1;
    // The hashes are in the slots: no stack is read again.
    for (let i: usize = 0; i < oldSize; i++) {
      const k1 = load<u32>(old + (i << 3));
      if (k1 != 0) place(k1 - 1, load<u32>(old + (i << 3), 4));
    }
  }
}

/** Adds the stack of `n` ids at `p` with its weights (weightB NaN: no second count). */
export function addStack(p: usize, n: u32, weight: f64, weightB: f64): void {
  weightSum += weight;
  if (weightB == weightB) weightBSum += weightB;
  const h = hashIds(p, n);
  let i = h & slotMask;
  while (true) {
    const s = slots + ((<usize>i) << 3);
    const k1 = load<u32>(s);
    if (k1 == 0) break;
    if (load<u32>(s, 4) == h && sameIds(k1 - 1, p, n)) {
      const w = weights + ((<usize>(k1 - 1)) << 3);
      store<f64>(w, load<f64>(w) + weight);
      if (weightB == weightB) {
        const b = weightsB + ((<usize>(k1 - 1)) << 3);
        const old = load<f64>(b);
        store<f64>(b, old == old ? old + weightB : weightB);
      }
      return;
    }
    i = (i + 1) & slotMask;
  }
  reserve(n);
  // A loop, not memory.copy: for a few dozen ids the call out costs more than the copy.
  const to = ids + ((<usize>idLen) << 2);
  const bytes = (<usize>n) << 2;
  let i2: usize = 0;
  for (; i2 + 8 <= bytes; i2 += 8) store<u64>(to + i2, load<u64>(p + i2));
  if (i2 < bytes) store<u32>(to + i2, load<u32>(p + i2));
  idLen += n;
  store<u32>(offsets + ((<usize>stacks + 1) << 2), idLen);
  store<f64>(weights + ((<usize>stacks) << 3), weight);
  store<f64>(weightsB + ((<usize>stacks) << 3), weightB);
  place(stacks, h);
  stacks++;
}
