import type { Client } from 'ssh2';
import { shellCommand } from '../../../shared/util/shellQuote';
import { remoteExec } from '../session/remoteExec';

export interface ThreadsPlan {
  command: string;
  title: string;
}

/** Exit codes of the preflight script below, each with the sentence the user sees. */
const PREFLIGHT_FAILURES: Record<number, (pid: number) => string> = {
  3: (pid) =>
    `Process ${pid} does not exist on the host (no /proc/${pid}). Pick a running process.`,
  4: () => 'top is not installed on the host (Debian/Ubuntu: apt-get install procps).',
};

/**
 * Checks that the process exists and `top` is there, then builds `top -b -H -d N -p PID`.
 * The PID and interval are validated numbers by now; they are still quoted, as every argument is.
 */
export async function planThreadsCapture(
  client: Client,
  pid: number,
  intervalSeconds: number,
): Promise<ThreadsPlan> {
  const procDir = `/proc/${pid}`;
  const preflight = [
    `${shellCommand(['test', '-d', procDir])} || exit 3`,
    'command -v top >/dev/null 2>&1 || exit 4',
    `cat ${shellCommand([`${procDir}/comm`])} 2>/dev/null`,
  ].join('; ');
  const result = await remoteExec(client, preflight);
  const failure = result.exitCode === null ? undefined : PREFLIGHT_FAILURES[result.exitCode];
  if (failure) throw new Error(failure(pid));
  const name = result.stdout.trim().slice(0, 40) || 'process';
  // LC_ALL=C: dots and English labels whatever the locale; -w 512: top cuts lines at the PTY width otherwise.
  const command = `LC_ALL=C ${shellCommand(['top', '-b', '-H', '-w', 512, '-d', intervalSeconds, '-p', pid])}`;
  return { command, title: `threads · ${name} ${pid}` };
}
