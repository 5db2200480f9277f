/**
 * Which process a fleet capture attaches to on one host: the one whose command line holds every
 * word of a pattern, from the host's process list. The same pattern normally matches one process
 * per host (the service behind the load balancer); when it matches several (a master and its
 * workers), the busiest is taken and the view says so.
 */

export interface ProcessCandidate {
  pid: number;
  name: string;
  command: string;
  cpuPercent: number | null;
}

export type Resolution =
  | { kind: 'none' }
  | { kind: 'match'; pid: number; command: string; cpuPercent: number | null; matches: number };

/** The words of a pattern, lower-cased: each must appear in the process's name or command. */
const patternWords = (pattern: string): string[] =>
  pattern.toLowerCase().split(/\s+/).filter(Boolean);

export function resolveProcess(rows: readonly ProcessCandidate[], pattern: string): Resolution {
  const words = patternWords(pattern);
  if (words.length === 0) return { kind: 'none' };
  const matching = rows.filter((row) => {
    const text = `${row.name} ${row.command}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
  const busiest = matching.reduce<ProcessCandidate | null>(
    (best, row) => (best === null || (row.cpuPercent ?? 0) > (best.cpuPercent ?? 0) ? row : best),
    null,
  );
  if (!busiest) return { kind: 'none' };
  return {
    kind: 'match',
    pid: busiest.pid,
    command: busiest.command,
    cpuPercent: busiest.cpuPercent,
    matches: matching.length,
  };
}

/** How the fleet view names a host's resolution: "PID 1234", "PID 1234 (busiest of 3)", "no match". */
export function resolutionText(resolution: Resolution): string {
  if (resolution.kind === 'none') return 'no match';
  return resolution.matches > 1
    ? `PID ${resolution.pid} (busiest of ${resolution.matches})`
    : `PID ${resolution.pid}`;
}
