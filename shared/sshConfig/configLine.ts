// One ssh_config line split as OpenSSH 9.2 splits it (readconf.c process_config_line_depth,
// misc.c strdelim and argv_split), and ssh's own `*`/`?` patterns (match.c). Pure; never throws.

export type ConfigLine =
  | { kind: 'blank' }
  | { kind: 'option'; keyword: string; rest: string; args: string[] }
  | { kind: 'error'; error: string };

const WHITESPACE = ' \t\r\n';

/** argv_split(…, terminate_on_comment): quotes, `\` escapes, `#` starting a word ends the line. */
function splitArgs(text: string): string[] | null {
  const args: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i += 1;
      continue;
    }
    if (c === '#') break;
    let quote = '';
    let word = '';
    for (; i < text.length; i += 1) {
      const ch = text[i] ?? '';
      const next = text[i + 1];
      if (ch === '\\') {
        if (next === "'" || next === '"' || next === '\\' || (quote === '' && next === ' ')) {
          i += 1;
          word += next;
        } else word += ch;
      } else if (quote === '' && (ch === ' ' || ch === '\t')) break;
      else if (quote === '' && (ch === '"' || ch === "'")) quote = ch;
      else if (quote !== '' && ch === quote) quote = '';
      else word += ch;
    }
    if (quote !== '') return null;
    args.push(word);
  }
  return args;
}

/**
 * The keyword (lower case, as ssh compares it) and the rest of the line. `Keyword=value`,
 * `Keyword = value` and `Keyword value` are the same; one `=` is skipped at most.
 */
export function splitConfigLine(raw: string, where: string): ConfigLine {
  // Trailing whitespace (and a form feed at the end of the line) is dropped.
  const line = raw.replace(/[ \t\r\n\f]+$/, '');
  let start = 0;
  while (start < line.length && WHITESPACE.includes(line[start] ?? '')) start += 1;
  if (start === line.length || line[start] === '#') return { kind: 'blank' };
  let end = start;
  while (end < line.length && !`${WHITESPACE}"=`.includes(line[end] ?? '')) end += 1;
  const keyword = line.slice(start, end).toLowerCase();
  let rest = line.slice(end);
  // strdelim: whitespace, then at most one "=", then whitespace.
  rest = rest.replace(/^[ \t]*/, '');
  if (rest.startsWith('=')) rest = rest.slice(1).replace(/^[ \t]*/, '');
  if (keyword === '') return { kind: 'blank' };
  if (rest === '') {
    return { kind: 'error', error: `${where}: no argument after keyword "${keyword}"` };
  }
  const args = splitArgs(rest);
  if (args === null) return { kind: 'error', error: `${where}: invalid quotes` };
  return { kind: 'option', keyword, rest, args };
}

/** match.c match_pattern: `*` any run, `?` one character; the whole string must match. */
export function matchPattern(text: string, pattern: string): boolean {
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      t += 1;
      p += 1;
    } else if (p < pattern.length && pattern[p] === '*') {
      starP = p;
      starT = t;
      p += 1;
    } else if (starP >= 0) {
      p = starP + 1;
      starT += 1;
      t = starT;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p += 1;
  return p === pattern.length;
}

/**
 * match.c match_pattern_list: comma-separated patterns, `!` negates. 1 = matched, 0 = no
 * pattern matched, -1 = a negated pattern matched (which wins over any other).
 */
export function matchPatternList(text: string, list: string, lowerPatterns: boolean): -1 | 0 | 1 {
  let positive = false;
  for (const raw of list.split(',')) {
    const negated = raw.startsWith('!');
    const body = negated ? raw.slice(1) : raw;
    const pattern = lowerPatterns ? body.toLowerCase() : body;
    if (matchPattern(text, pattern)) {
      if (negated) return -1;
      positive = true;
    }
  }
  return positive ? 1 : 0;
}

/** match.c match_hostname: the host lower-cased, the patterns too. */
export const matchHostname = (host: string, list: string): boolean =>
  matchPatternList(host.toLowerCase(), list, true) === 1;
