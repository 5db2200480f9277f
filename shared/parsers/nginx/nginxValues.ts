/**
 * Small value parsers shared by the nginx access- and error-log parsers: times, upstream lists,
 * upstream addresses. Pure and total: bad input gives null, never an exception.
 */

const MONTHS = new Map(
  ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map(
    (m, i) => [m, i] as const,
  ),
);

const TIME_LOCAL =
  /^(\d{1,2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

/** `$time_local` "01/May/2024:12:00:00 +0200" → Unix seconds (UTC), or null. */
export function parseTimeLocal(text: string): number | null {
  const m = TIME_LOCAL.exec(text);
  if (!m) return null;
  const month = MONTHS.get(m[2] ?? '');
  if (month === undefined) return null;
  const [day, year, hh, mm, ss, oh, om] = [m[1], m[3], m[4], m[5], m[6], m[8], m[9]].map(Number);
  const utc = Date.UTC(year ?? 0, month, day, hh, mm, ss) / 1000;
  const offset = ((oh ?? 0) * 60 + (om ?? 0)) * 60 * (m[7] === '-' ? -1 : 1);
  const t = utc - offset;
  return Number.isFinite(t) ? t : null;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Which variable a line's time comes from, in order of preference. */
export const TIME_VARIABLES = ['time_local', 'time_iso8601', 'msec'] as const;
export type TimeVariable = (typeof TIME_VARIABLES)[number];

/** A time variable's text → Unix seconds, or null. */
export function parseTimeVariable(variable: TimeVariable, text: string): number | null {
  switch (variable) {
    case 'time_local':
      return parseTimeLocal(text);
    case 'time_iso8601': {
      const ms = ISO.test(text) ? Date.parse(text) : NaN;
      return Number.isFinite(ms) ? ms / 1000 : null;
    }
    case 'msec':
      return /^\d{1,12}(?:\.\d{1,6})?$/.test(text) ? Number(text) : null;
  }
}

/** The request's time in Unix seconds from `$time_local`, `$time_iso8601` or `$msec`, or null. */
export function requestEpochSeconds(
  fields: Readonly<Record<string, string | undefined>>,
): number | null {
  for (const v of TIME_VARIABLES) {
    const text = fields[v];
    if (text !== undefined) return parseTimeVariable(v, text);
  }
  return null;
}

/** An nginx list value "a, b : c" → ["a", "b", "c"]; "-" → ["-"] (one attempt, no value); "" → []. */
export function splitUpstreamList(value: string | undefined): string[] {
  if (value === undefined || value === '') return [];
  return value.split(/, | : /);
}

/** "0.123" → 0.123 seconds; "-" or garbage → null. */
export function parseSeconds(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,9}(?:\.\d{1,6})?$/.test(text)) return null;
  return Number(text);
}

/** Error-log `upstream: "http://127.0.0.1:8001/api/x"` → "127.0.0.1:8001" (unix: keeps the path). */
export function upstreamAddressOfUrl(url: string): string {
  const rest = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const unix = /^unix:[^:]*/.exec(rest);
  if (unix) return unix[0];
  const slash = rest.indexOf('/');
  return slash >= 0 ? rest.slice(0, slash) : rest;
}

/** "5xx"-style class of an HTTP status, or "other". */
export function statusClass(status: string): '1xx' | '2xx' | '3xx' | '4xx' | '5xx' | 'other' {
  if (!/^[1-5]\d\d$/.test(status)) return 'other';
  return `${status.charAt(0)}xx` as '1xx' | '2xx' | '3xx' | '4xx' | '5xx';
}
