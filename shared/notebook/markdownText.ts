/**
 * Text from hosts and users put into Markdown so that it stays text: no HTML, no links, no
 * emphasis a crafted process name could inject, whatever renderer opens the report.
 */
const SPECIAL = /[\\`*_{}[\]()#+!|<>&~]/g;
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/** Text on one line: a tab as a space, other control characters (newlines too) as `^X`. */
export function visibleControls(text: string): string {
  let shown = '';
  for (const c of text) {
    const code = c.charCodeAt(0);
    if (c === '\t') shown += ' ';
    else if (code < 0x20 || code === 0x7f) shown += `^${String.fromCharCode((code + 64) & 0x7f)}`;
    else shown += c;
  }
  return shown;
}

/** One line of inline text (a title, a host name): escaped, control characters shown as `^X`. */
export function mdInline(text: string): string {
  return visibleControls(text).replace(SPECIAL, (c) => ENTITY[c] ?? `\\${c}`);
}

/** A block of captured text as a fenced code block: the fence is longer than any run of backticks in it. */
export function mdCodeBlock(text: string, info = 'text'): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `${fence}${info}\n${body}${fence}\n`;
}
