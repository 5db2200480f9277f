/**
 * One collapsed-stacks line's pieces, as CollapsedStackParser reads them: the trailing count(s)
 * and the frame texts (`fn (file:line)` split into a record). Reference:
 * docs/tool-output-formats.md §1.2.
 */
import { splitFrameText } from '../pyspy/frameText';
import type { StackFrame } from './stackSamples';

/* eslint-disable-next-line no-control-regex -- control characters are what it looks for */
const NEEDS_CLEANING = /[\x00-\x1f\x7f-\x9f]/;
export const isClean = (text: string): boolean => !NEEDS_CLEANING.test(text);

const SYNTHETIC = /^thread \(\d+\)(?:: |$)|^process \d+:"/;

/** `fn (file:line)` → a frame record; other texts are kept whole as the name. */
export function frameFromText(text: string): StackFrame {
  if (SYNTHETIC.test(text)) return { name: text };
  const parts = splitFrameText(text);
  if (parts === null) return { name: text };
  return parts.line === null
    ? { name: parts.function, file: parts.file }
    : { name: parts.function, file: parts.file, line: parts.line };
}

/** Inverse of frameFromText (`;` and line breaks, which would break the line, become `,`/space). */
export function frameToText(f: StackFrame): string {
  let s = f.name;
  if (f.file !== undefined) s += f.line === undefined ? ` (${f.file})` : ` (${f.file}:${f.line})`;
  return /[;\r\n]/.test(s) ? s.replace(/;/g, ',').replace(/[\r\n]/g, ' ') : s;
}

/** A count token: digits with an optional fraction ("42", "0.5"); else NaN. */
function countOf(s: string, from: number, to: number): number {
  if (to <= from || to - from > 20) return NaN;
  let dot = false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 && !dot && i > from && i < to - 1) dot = true;
    else if (c < 48 || c > 57) return NaN;
  }
  return Number(s.slice(from, to));
}

/**
 * Where `s[start, end)` (no spaces at either end) splits as `rest COUNT` at the last space: the
 * end of rest, its trailing spaces dropped, or -1. The count is in `counted.value`. Reads back at
 * most 21 characters. (No tuple returned: one allocation less per line.)
 */
export function lastCount(
  s: string,
  start: number,
  end: number,
  counted: { value: number },
): number {
  let sp = end - 1;
  while (sp >= start && end - sp <= 21) {
    const c = s.charCodeAt(sp);
    if (c !== 46 && (c < 48 || c > 57)) break;
    sp--;
  }
  if (sp < start || s.charCodeAt(sp) !== 32) return -1;
  const n = countOf(s, sp + 1, end);
  if (Number.isNaN(n)) return -1;
  let restEnd = sp;
  while (restEnd > start && s.charCodeAt(restEnd - 1) === 32) restEnd--;
  counted.value = n;
  return restEnd;
}
