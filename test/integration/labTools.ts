// The real tools the lab's seed tests look through: py-spy (where the workbench's own fix
// installs it, or on PATH), strace and ss; and a timed request.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { findPySpy } from '../lab/pyspyInstall';
import { parsePySpyDumpText, type PyProcessDump, type PyThread } from '../../shared/parsers/pyspy';

const run = promisify(execFile);

export const PY_SPY = findPySpy();
export const NO_PY_SPY =
  'SKIPPED: py-spy is not installed (neither in ~/.local/share/incident-workbench/py-spy nor on PATH); ' +
  'the workbench installs it with pip on first use. The other checks of this file still ran.';

/** One `py-spy dump --pid PID`, parsed. */
export async function pySpyDump(pid: number): Promise<PyProcessDump> {
  if (PY_SPY === undefined) throw new Error('py-spy is not installed');
  const { stdout } = await run(PY_SPY, ['dump', '--pid', String(pid)], { timeout: 20_000 });
  const dump = parsePySpyDumpText(stdout).model.dumps[0];
  if (dump === undefined) throw new Error(`no dump parsed from:\n${stdout}`);
  return dump;
}

/** A thread's frames as py-spy prints them, leaf first: `function (file:line)`. */
export function stackLines(thread: PyThread): string[] {
  return thread.frames.map(
    (f) => `${f.function} (${f.file}${f.line === null ? '' : `:${f.line}`})`,
  );
}

export function threadNamed(dump: PyProcessDump, name: string): PyThread | undefined {
  return dump.threads.find((t) => t.name === name);
}

/** Runs `strace ARGS` for `seconds`, then interrupts it (as Ctrl-C would); returns its output. */
export async function straceFor(seconds: number, args: string[]): Promise<string> {
  const result = await run('timeout', ['-s', 'INT', String(seconds), 'strace', ...args], {
    maxBuffer: 256 * 1024 * 1024,
  }).catch((err: { stdout?: string; stderr?: string; code?: number }) => {
    // timeout(1) exits 124 when it had to interrupt strace: that is the normal end here.
    if (err.code !== 124) throw err;
    return { stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  });
  return result.stderr + result.stdout;
}

export async function ss(args: string[]): Promise<string> {
  return (await run('ss', args)).stdout;
}

/** GETs `url`; the time it took, and its status or 'timeout' when `timeoutMs` ran out first. */
export async function timedGet(
  url: string,
  timeoutMs: number,
): Promise<{ ms: number; status: number | 'timeout' }> {
  const started = performance.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return { ms: performance.now() - started, status: response.status };
  } catch (err) {
    if (err instanceof Error && err.name === 'TimeoutError') {
      return { ms: performance.now() - started, status: 'timeout' };
    }
    throw err;
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
