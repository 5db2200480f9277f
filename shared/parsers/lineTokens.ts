/**
 * Whitespace tokens of a line as offsets, for the column parsers (top, ps): no strings or arrays
 * allocated per line. The offsets live in module scratch arrays, valid until the next scan (the
 * parsers are synchronous and not re-entrant).
 */
export const tokenStarts: number[] = [];
export const tokenEnds: number[] = [];

/** Splits `line` at whitespace into tokenStarts/tokenEnds; returns the token count. */
export function scanTokens(line: string): number {
  let count = 0;
  let i = 0;
  const len = line.length;
  while (i < len) {
    while (i < len && line.charCodeAt(i) <= 32) i++;
    if (i >= len) break;
    const s = i;
    while (i < len && line.charCodeAt(i) > 32) i++;
    tokenStarts[count] = s;
    tokenEnds[count] = i;
    count++;
  }
  return count;
}
