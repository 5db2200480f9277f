/**
 * What a flame-graph search box query means. `/regex/flags` is a regex. Anything else is first
 * text (a case-insensitive substring of `name (file:line)`), then, if no frame holds that text and
 * the query compiles, a case-insensitive regex: `read.*` or `a|b` typed bare find what they say.
 * A regex that does not compile falls back to text, and the reason is kept to be shown.
 */
export type SearchMode = 'text' | 'regex';

export interface FrameMatcher {
  mode: SearchMode;
  /** `label` is the frame's `name (file:line)`, `lower` the same in lower case. */
  test(label: string, lower: string): boolean;
}

export interface SearchPlan {
  /** Tried in order; the first that matches any frame is the one used. */
  matchers: FrameMatcher[];
  /** Why a regex the query was, or looked like, could not be used. */
  regexError?: string;
  /** Written `/regex/`: its error is news even when the text fallback matches. */
  explicit: boolean;
}

const EXPLICIT = /^\/(.+)\/([a-z]*)$/;
const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|]/;

function compile(source: string, flags: string): RegExp | string {
  try {
    return new RegExp(source, flags.replace(/[gy]/g, ''));
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function textMatcher(text: string): FrameMatcher {
  const needle = text.toLowerCase();
  return { mode: 'text', test: (_label, lower) => lower.includes(needle) };
}

function regexMatcher(re: RegExp): FrameMatcher {
  return { mode: 'regex', test: (label) => re.test(label) };
}

export function planSearch(query: string): SearchPlan {
  const trimmed = query.trim();
  const explicit = EXPLICIT.exec(trimmed);
  if (explicit) {
    const re = compile(explicit[1] ?? '', explicit[2] ?? '');
    if (typeof re === 'string')
      return { matchers: [textMatcher(explicit[1] ?? '')], regexError: re, explicit: true };
    return { matchers: [regexMatcher(re)], explicit: true };
  }
  const text = textMatcher(trimmed);
  if (!REGEX_SYNTAX.test(trimmed)) return { matchers: [text], explicit: false };
  const re = compile(trimmed, 'i');
  if (typeof re === 'string') return { matchers: [text], regexError: re, explicit: false };
  return { matchers: [text, regexMatcher(re)], explicit: false };
}

/** The status line under the search box: which way the query matched, and how much. */
export function searchStatus(
  result: {
    mode: SearchMode;
    tried: SearchMode[];
    matchedFrames: number;
    regexError?: string;
    share: number;
    shareA?: number;
    shareB?: number;
  },
  isDiff: boolean,
): string {
  const pct = (fraction: number) => `${(fraction * 100).toFixed(1)} %`;
  // Short: it sits in the toolbar; the engine's own message goes in the status's tooltip.
  const fellBack = result.regexError ? 'invalid regex → ' : '';
  if (result.matchedFrames === 0) {
    const ways = result.tried.length > 1 ? result.tried.join(' or ') : result.mode;
    return `${fellBack}${ways} · no match`;
  }
  const how = `${fellBack}${result.mode}`;
  return isDiff
    ? `${how} · ${pct(result.shareA ?? 0)} before, ${pct(result.shareB ?? 0)} after`
    : `${how} · ${pct(result.share)} of samples`;
}
