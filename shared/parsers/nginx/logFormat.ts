/**
 * nginx `log_format` → line parser. The format's literal text must match exactly; each `$var`
 * (or `${var}`) becomes a capture whose pattern depends on where it sits:
 *   "…$var…" in double quotes   → anything up to the closing quote (nginx escapes `"` as \x22,
 *                                 or as \" with escape=json)
 *   $upstream_addr, $upstream_*  → a list "a:80, b:80 : c:80" (", " = next server of the group,
 *                                 " : " = another group after an internal redirect)
 *   $time_local                  → "01/May/2024:12:00:00 +0000" (it holds a space)
 *   anything else                → up to the first character of the literal that follows it
 * Captures are atomic (no backtracking into a field), so matching is linear in the line length
 * whatever the format, even a user's odd one.
 * Reference: https://nginx.org/en/docs/http/ngx_http_log_module.html#log_format and
 * ngx_http_upstream_module.html#variables. Example (the lab's format, ingress-nginx style):
 *   127.0.0.1 - - [23/Nov/2026:08:26:31 +0000] "GET /api/users/7/profile HTTP/1.1" 200 70 "-"
 *   "Python-urllib/3.11" 138 0.002 127.0.0.1:36339, 127.0.0.1:39035 0, 70 0.001, 0.002 502, 200
 */

/** nginx's predefined `combined` format. */
export const COMBINED_FORMAT =
  '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent ' +
  '"$http_referer" "$http_user_agent"';

/** Fields of one line by variable name (without `$`); a null-prototype object. */
export type LogFields = Readonly<Record<string, string | undefined>>;

export interface CompiledLogFormat {
  /** The format string (after unwrapping a pasted `log_format name '…' '…';` directive). */
  readonly format: string;
  /** Variable names in order of appearance, without `$`. */
  readonly variables: readonly string[];
  /** Set when the format could not be compiled; `parse` then matches nothing. */
  readonly error?: string;
  /** The fields of `line`, or null when it does not have this format. Never throws. */
  parse(line: string): LogFields | null;
  /**
   * The values of `line` in `variables` order, or null. Cheaper than `parse` (no object per
   * line); find a variable's slot with `variables.indexOf(name)`. Never throws.
   */
  match(line: string): readonly string[] | null;
}

export interface LogFormatOptions {
  /** Accept lines with more text after the format (e.g. `combined` with fields appended). */
  allowTrailing?: boolean;
}

type Part = { literal: string } | { variable: string };

const VARIABLE = /\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g;
const QUOTED = String.raw`(?:[^"\\]|\\.)*`;
const LIST = String.raw`[^ ,]+(?:(?:, | : )[^ ,]+)*`;
const TIME_LOCAL = String.raw`\d{1,2}/[A-Za-z]{3}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}`;

/** Whether `$name` holds a comma list per upstream attempt. */
export function isUpstreamListVariable(name: string): boolean {
  return name.startsWith('upstream_') && !/^upstream_(?:http|cookie|trailer)_/.test(name);
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** `log_format main '$a - ' "$b";` → `$a - $b`; a plain format string is returned as is. */
export function unwrapLogFormatDirective(text: string): string {
  const t = text.trim();
  const m = /^log_format\s+\S+\s+(?:escape=\S+\s+)?([\s\S]*?);?\s*$/.exec(t);
  if (!m) return text;
  const body = m[1] ?? '';
  const pieces = [...body.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)];
  if (pieces.length === 0) return body.trim();
  return pieces.map((p) => (p[1] ?? p[2] ?? '').replace(/\\(.)/g, '$1')).join('');
}

function split(format: string): Part[] {
  const parts: Part[] = [];
  let at = 0;
  for (const m of format.matchAll(VARIABLE)) {
    if (m.index > at) parts.push({ literal: format.slice(at, m.index) });
    parts.push({ variable: m[1] ?? m[2] ?? '' });
    at = m.index + m[0].length;
  }
  if (at < format.length) parts.push({ literal: format.slice(at) });
  return parts;
}

function patternFor(name: string, prev: Part | undefined, next: Part | undefined): string {
  const before = prev && 'literal' in prev ? prev.literal : '';
  const after = next && 'literal' in next ? next.literal : '';
  if (before.endsWith('"') && after.startsWith('"')) return QUOTED;
  if (isUpstreamListVariable(name)) return LIST;
  if (name === 'time_local') return TIME_LOCAL;
  const stop = after.charAt(0);
  if (stop !== '') return `[^${escapeRegex(stop)}]*`;
  if (next === undefined) return '.*';
  // Directly followed by another variable: "$host$request_uri" splits at the URI's slash.
  const following = 'variable' in next ? next.variable : '';
  return /uri$/.test(following) ? String.raw`[^/\s]*` : String.raw`\S*`;
}

export function compileLogFormat(
  formatOrDirective: string,
  options: LogFormatOptions = {},
): CompiledLogFormat {
  const format = unwrapLogFormatDirective(String(formatOrDirective));
  const parts = split(format);
  const variables: string[] = [];
  let source = '^';
  parts.forEach((part, i) => {
    if ('literal' in part) {
      source += escapeRegex(part.literal);
      return;
    }
    variables.push(part.variable);
    const last = i === parts.length - 1;
    const pattern =
      last && options.allowTrailing
        ? String.raw`\S*`
        : patternFor(part.variable, parts[i - 1], parts[i + 1]);
    // Atomic capture, `(?=(P))\\N`: once a field matched, the engine never re-splits it, so a
    // line that does not match fails in linear time even for adjacent variables ("$a$b$c").
    source += `(?=(${pattern}))\\${variables.length}`;
  });
  source += options.allowTrailing ? String.raw`(?=\s|$)` : '$';
  let regex: RegExp | null = null;
  let error: string | undefined;
  try {
    regex = new RegExp(source);
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const match = (line: string): string[] | null => {
    if (regex === null || typeof line !== 'string') return null;
    const m = regex.exec(line);
    return m === null ? null : m.slice(1).map((v) => v ?? '');
  };
  const parse = (line: string): LogFields | null => {
    const values = match(line);
    if (values === null) return null;
    const fields: Record<string, string> = Object.create(null) as Record<string, string>;
    variables.forEach((name, k) => {
      if (!(name in fields)) fields[name] = values[k] ?? '';
    });
    return fields;
  };
  const compiled = { format, variables, parse, match };
  return error === undefined ? compiled : { ...compiled, error };
}
