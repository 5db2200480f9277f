/**
 * AssemblyScript source of the collapsed-stacks line scanner (docs/collapsed-scanner.md), compiled
 * to WebAssembly by `npm run build:wasm` into shared/parsers/collapsed/collapsedScanWasm.ts.
 *
 * It reads UTF-8 bytes, not text, and takes only the lines it can prove it reads exactly as the
 * text parser would: no control character, a count of plain digits, and every frame one whose
 * exact bytes the parser has registered with its id. Every other line (comments, new frames,
 * decimals, a stream whose mode is not decided yet) is handed back whole to the text parser,
 * which may then register the line's frames. So it never decides what a line means by itself.
 *
 * The stacks it reads are kept here too (stackStore.ts), and so are those the text parser reads,
 * so the model is one store. Memory layout: heap.ts.
 */

import { INPUT, INPUT_CAP, LINE_IDS, LINE_IDS_CAP, SCRATCH, SCRATCH_FRAMES } from './heap';
import { initFrames, lookup } from './frameTable';
import { addStack, initStacks } from './stackStore';

export { frameCount, register } from './frameTable';
export {
  addStack,
  idCount,
  idsAt,
  offsetsAt,
  stackCount,
  stackWeightsAt,
  stackWeightsBAt,
  totalWeight,
  totalWeightB,
} from './stackStore';

export const NEED_MORE: i32 = 0;
export const SLOW_LINE: i32 = 1;

let pos: u32 = 0;
let slowStart: u32 = 0;
let slowEnd: u32 = 0;
let slowFrames: i32 = 0;
let countAt: usize = 0;

export function init(): void {
  initFrames();
  initStacks();
}

export function inputAt(): usize {
  return INPUT;
}
export function inputCapacity(): u32 {
  return INPUT_CAP;
}
export function lineIdsAt(): usize {
  return LINE_IDS;
}
export function lineIdsCapacity(): u32 {
  return <u32>LINE_IDS_CAP;
}
export function scratchAt(): usize {
  return SCRATCH;
}
export function position(): u32 {
  return pos;
}
/** The input window was refilled from its start. */
export function rewind(): void {
  pos = 0;
}
export function slowLineStart(): u32 {
  return slowStart;
}
export function slowLineEnd(): u32 {
  return slowEnd;
}
export function slowLineFrames(): i32 {
  return slowFrames;
}

/** The first byte in [p, end) below 0x20, 0x7f or 0xc2 (C1 controls start with it), or `end`. */
function firstSpecial(p: usize, end: usize): usize {
  const low = i8x16.splat(0x20);
  const del = i8x16.splat(0x7f);
  const c2 = i8x16.splat(<i8>0xc2);
  while (p + 16 <= end) {
    const v = v128.load(p);
    const hit = v128.or(v128.or(i8x16.lt_u(v, low), i8x16.eq(v, del)), i8x16.eq(v, c2));
    const m = i8x16.bitmask(hit);
    if (m != 0) return p + ctz(m);
    p += 16;
  }
  while (p < end) {
    const c = load<u8>(p);
    if (c < 0x20 || c == 0x7f || c == 0xc2) return p;
    p++;
  }
  return end;
}

function nextSemicolon(p: usize, end: usize): usize {
  const semi = i8x16.splat(0x3b);
  while (p + 16 <= end) {
    const m = i8x16.bitmask(i8x16.eq(v128.load(p), semi));
    if (m != 0) return p + ctz(m);
    p += 16;
  }
  while (p < end) {
    if (load<u8>(p) == 0x3b) return p;
    p++;
  }
  return end;
}

/**
 * The count that ends [start, end): 1 to 15 digits after a space, as the text parser reads it
 * (a decimal, a longer number or no space before it: -1, for the text parser). Its space in
 * countAt.
 */
function countBefore(start: usize, end: usize): f64 {
  let p = end;
  while (p > start && end - p < 16) {
    const c = load<u8>(p - 1);
    if (c < 0x30 || c > 0x39) break;
    p--;
  }
  if (p == end || p == start || end - p >= 16 || load<u8>(p - 1) != 0x20) return -1;
  let v: u64 = 0;
  for (let q = p; q < end; q++) v = v * 10 + <u64>(load<u8>(q) - 0x30);
  countAt = p - 1;
  return <f64>v;
}

function trimEnd(start: usize, end: usize): usize {
  while (end > start && load<u8>(end - 1) == 0x20) end--;
  return end;
}

/**
 * Hands the line [line, next) back to the text parser. When its frames are [start, rest), their
 * ranges and ids (-1: not registered) go to the scratch, three numbers each, for registering.
 */
function handBack(line: usize, next: usize, start: usize, rest: usize, frames: u32): i32 {
  slowStart = <u32>(line - INPUT);
  slowEnd = <u32>(next - INPUT);
  slowFrames = 0;
  if (frames > 0 && frames <= <u32>SCRATCH_FRAMES) {
    let k = 0;
    let f = start;
    while (f <= rest) {
      const semi = nextSemicolon(f, rest);
      if (semi > f) {
        const at = SCRATCH + <usize>k * 12;
        store<u32>(at, <u32>(f - INPUT));
        store<u32>(at, <u32>(semi - INPUT), 4);
        store<i32>(at, lookup(f, <u32>(semi - f)), 8);
        k++;
      }
      f = semi + 1;
    }
    slowFrames = k;
  }
  pos = slowEnd;
  return SLOW_LINE;
}

/**
 * Reads the whole lines of input[position, len): mode 1 plain, 2 differential, 0 not decided yet
 * (every line handed back). Stops at a line handed back (SLOW_LINE) or at the first incomplete
 * line (NEED_MORE; `position` is its start).
 */
export function scan(len: u32, mode: i32, maxLine: u32): i32 {
  const end: usize = INPUT + <usize>min(len, INPUT_CAP);
  let p: usize = INPUT + pos;
  while (p < end) {
    let q = firstSpecial(p, end);
    let lineEnd = q;
    let fast = mode != 0;
    while (q < end && load<u8>(q) != 0x0a) {
      const c = load<u8>(q);
      if (c == 0xc2) {
        // U+0080..U+009F (C1 controls) need cleaning; other characters from 0xc2 are text.
        const n = q + 1 < end ? load<u8>(q + 1) : 0;
        if (n >= 0x80 && n <= 0x9f) fast = false;
      } else if (c == 0x0d) {
        // `\r`s just before the `\n` are the PTY's line end: the text parser drops them too.
        let r = q;
        while (r < end && load<u8>(r) == 0x0d) r++;
        if (r < end && load<u8>(r) == 0x0a) {
          lineEnd = q;
          q = r;
          break;
        }
        fast = false;
      } else fast = false;
      q = firstSpecial(q + 1, end);
      lineEnd = q;
    }
    if (q >= end) break;
    const next = q + 1;
    if (<u32>(q - p) > maxLine) fast = false;
    const e = trimEnd(p, lineEnd);
    let s = p;
    while (s < e && load<u8>(s) == 0x20) s++;
    if (!fast) return handBack(p, next, 0, 0, 0);
    if (s == e) {
      p = next; // blank
      continue;
    }
    const first = load<u8>(s);
    if (first == 0x23 || (first == 0x70 && e - s >= 8 && load<u64>(s) == 0x203e7970732d7970)) {
      return handBack(p, next, 0, 0, 0); // `#` comment, `py-spy> ` chatter
    }
    let weight = countBefore(s, e);
    if (weight < 0) return handBack(p, next, 0, 0, 0);
    let rest = trimEnd(s, countAt);
    let weightB: f64 = NaN;
    if (mode == 2) {
      weightB = weight;
      weight = countBefore(s, rest);
      if (weight < 0) return handBack(p, next, 0, 0, 0);
      rest = trimEnd(s, countAt);
    }
    let n: u32 = 0;
    let unknown = false;
    let f = s;
    while (f <= rest && n < <u32>LINE_IDS_CAP) {
      const semi = nextSemicolon(f, rest);
      if (semi > f) {
        const id = lookup(f, <u32>(semi - f));
        if (id < 0) unknown = true;
        store<i32>(LINE_IDS + ((<usize>n) << 2), id);
        n++;
      }
      f = semi + 1;
    }
    if (unknown || n == 0 || f <= rest) return handBack(p, next, s, rest, n);
    addStack(LINE_IDS, n, weight, weightB);
    p = next;
  }
  pos = <u32>(p - INPUT);
  return NEED_MORE;
}
