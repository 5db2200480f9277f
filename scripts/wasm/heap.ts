/**
 * Memory of the collapsed scanner: fixed regions first (the frame ranges of a line handed back,
 * the input window, one line's frame ids), then a bump allocator that grows the memory. Nothing is
 * freed: a region that grows is copied to a new one twice its size (at most 3x what is kept).
 */

export const SCRATCH: usize = 0;
export const SCRATCH_FRAMES: i32 = 5000;
export const INPUT: usize = 65536;
export const INPUT_CAP: u32 = 2 << 20;
/** One line's frame ids (a line of at most 64 KiB has fewer than 32 Ki frames). */
export const LINE_IDS: usize = INPUT + <usize>INPUT_CAP + 64;
export const LINE_IDS_CAP: usize = 1 << 16;
const FIXED_END: usize = LINE_IDS + (LINE_IDS_CAP << 2) + 64;

let top: usize = FIXED_END;

/** Makes memory [0, end + 16) exist (16 more: masked over-reads). Traps when it cannot grow. */
function ensure(end: usize): void {
  const pages = memory.size();
  const have = (<usize>pages) << 16;
  if (end + 16 > have) {
    // At least double: fewer grows (each moves the JavaScript view of the memory).
    const need = <i32>((end + 16 - have + 0xffff) >> 16);
    if (memory.grow(max(need, pages)) < 0 && memory.grow(need) < 0) unreachable();
  }
}

/**
 * `n` bytes, 16-aligned. Traps when the memory cannot grow: callers allocate before changing
 * anything.
 */
export function alloc(n: usize): usize {
  const at = (top + 15) & ~(<usize>15);
  ensure(at + n);
  top = at + n;
  return at;
}

/**
 * Region `from` of `size` bytes, `used` of them kept, made `bigger` bytes long: extended where it
 * is when it is the last region allocated, else copied to a new one. New memory was never used,
 * so it is zero, and a page touched for the first time costs a fault (on the VM this was measured
 * on ~10 µs a page, more than copying it): the region that grows most (the stacks' frame ids)
 * mostly grows in place.
 */
export function regrow(from: usize, size: usize, used: usize, bigger: usize): usize {
  if (from + size == top) {
    ensure(from + bigger);
    top = from + bigger;
    return from;
  }
  const to = alloc(bigger);
  memory.copy(to, from, used);
  return to;
}
