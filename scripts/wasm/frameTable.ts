/**
 * Frame bytes → frame id, for the frames the text parser registered (see collapsedScan.ts).
 * Open addressing; slots of 16 bytes: hash, stored bytes (0: empty), length, id. Every byte of a
 * frame is hashed and compared: equal ids always mean equal bytes.
 */
import { INPUT, INPUT_CAP, alloc } from './heap';

let table: usize = 0;
let mask: u32 = 0;
let count: u32 = 0;
/** Where registered frames' bytes are copied: an arena, replaced by a new one when full. */
const ARENA: usize = 1 << 20;
let arena: usize = 0;
let arenaLeft: usize = 0;

export function initFrames(): void {
  mask = (1 << 14) - 1;
  table = alloc((<usize>mask + 1) << 4);
  arena = alloc(ARENA);
  arenaLeft = ARENA;
}

/** Room for `len` bytes of a frame, 8-aligned (what follows is memory: masked over-reads). */
function frameRoom(len: usize): usize {
  const step = (len + 7) & ~(<usize>7);
  if (step > arenaLeft) {
    const size = max(ARENA, step);
    arena = alloc(size);
    arenaLeft = size;
  }
  const at = arena;
  arena += step;
  arenaLeft -= step;
  return at;
}

export function frameCount(): u32 {
  return count;
}

/** The low `n` bytes (0 < n < 8) of the word at p. */
export function partialWord(p: usize, n: usize): u64 {
  return load<u64>(p) & (((<u64>1) << ((<u64>n) << 3)) - 1);
}

function hashBytes(p: usize, len: usize): u32 {
  // Independent multiplies, chained only by a rotate and a xor: a few cycles a word.
  let h: u64 = 0x9e3779b97f4a7c15 * (<u64>len + 1);
  let i: usize = 0;
  for (; i + 8 <= len; i += 8) h = rotl<u64>(h, 23) ^ (load<u64>(p + i) * 0xff51afd7ed558ccd);
  if (i < len) h = rotl<u64>(h, 23) ^ (partialWord(p + i, len - i) * 0xff51afd7ed558ccd);
  h ^= h >> 32;
  h *= 0xc4ceb9fe1a85ec53;
  return <u32>(h ^ (h >> 29));
}

function sameBytes(a: usize, b: usize, len: usize): bool {
  let i: usize = 0;
  for (; i + 8 <= len; i += 8) if (load<u64>(a + i) != load<u64>(b + i)) return false;
  return i == len || partialWord(a + i, len - i) == partialWord(b + i, len - i);
}

/** The id registered for the bytes [p, p + len), or -1. */
export function lookup(p: usize, len: u32): i32 {
  const h = hashBytes(p, len);
  let i = h & mask;
  while (true) {
    const s = table + ((<usize>i) << 4);
    const stored = load<u32>(s, 4);
    if (stored == 0) return -1;
    if (load<u32>(s) == h && load<u32>(s, 8) == len && sameBytes(p, stored, len)) {
      return load<i32>(s, 12);
    }
    i = (i + 1) & mask;
  }
}

function place(h: u32, stored: u32, len: u32, id: i32): void {
  let i = h & mask;
  while (load<u32>(table + ((<usize>i) << 4), 4) != 0) i = (i + 1) & mask;
  const s = table + ((<usize>i) << 4);
  store<u32>(s, h);
  store<u32>(s, stored, 4);
  store<u32>(s, len, 8);
  store<i32>(s, id, 12);
}

/** Registers the frame bytes input[start, end) as frame `id` (once: a second call is ignored). */
export function register(start: u32, end: u32, id: i32): void {
  if (end <= start || end > INPUT_CAP) return;
  const len = end - start;
  if (lookup(INPUT + start, len) >= 0) return;
  // Allocated before the table changes: when memory cannot grow, the trap leaves it as it was.
  const stored = frameRoom(len);
  memory.copy(stored, INPUT + start, len);
  if ((count + 1) * 2 > mask + 1) {
    const old = table;
    const oldSize = mask + 1;
    const grown = alloc((<usize>oldSize) << 5);
    table = grown;
    mask = oldSize * 2 - 1;
    for (let k: u32 = 0; k < oldSize; k++) {
      const s = old + ((<usize>k) << 4);
      const at = load<u32>(s, 4);
      if (at != 0) place(load<u32>(s), at, load<u32>(s, 8), load<i32>(s, 12));
    }
  }
  place(hashBytes(stored, len), <u32>stored, len, id);
  count++;
}
