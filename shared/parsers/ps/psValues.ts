/**
 * Values of `ps` columns that need more than a number parse: TIME/ELAPSED durations and the
 * program name of a command line. Reference: procps-ng ps(1), "STANDARD FORMAT SPECIFIERS".
 */
import { parseUnsigned } from '../top/topValues';

const DURATION = /^(?:(\d{1,9})-)?(?:(\d{1,9}):)?(\d{1,9}):(\d{2})$/;

/** ps TIME/ELAPSED: `[[dd-]hh:]mm:ss`, `m:ss` (aux), or plain seconds (`etimes`, `times`). */
export function parsePsDuration(token: string): number | null {
  const secs = parseUnsigned(token);
  if (secs !== null) return secs;
  const m = DURATION.exec(token);
  if (!m) return null;
  const [days, hours, minutes, seconds] = [m[1], m[2], m[3], m[4]].map((v) => Number(v ?? 0));
  return (((days ?? 0) * 24 + (hours ?? 0)) * 60 + (minutes ?? 0)) * 60 + (seconds ?? 0);
}

/**
 * The program name of a command line: "/usr/bin/python3 x" → python3, "nginx: worker process" →
 * nginx, "[kworker/0:1-events]" → kworker/0:1-events (a kernel thread keeps its slash).
 */
export function programName(command: string): string {
  const word = command.trimStart().split(/\s/, 1)[0] ?? '';
  if (word.startsWith('[')) return word.slice(1).replace(/[\]:]+$/, '');
  const bare = word.replace(/:+$/, '');
  const slash = bare.lastIndexOf('/');
  return slash >= 0 && slash < bare.length - 1 ? bare.slice(slash + 1) : bare;
}
