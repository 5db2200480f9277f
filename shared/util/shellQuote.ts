/**
 * Quotes one argument for a POSIX shell: the remote side of every SSH exec is `sh -c`.
 * Everything is single-quoted, with embedded single quotes closed, escaped and reopened.
 */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_./=:,+-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Joins arguments into one command line, each quoted on its own. */
export function shellCommand(args: readonly (string | number)[]): string {
  return args.map((a) => shellQuote(String(a))).join(' ');
}
