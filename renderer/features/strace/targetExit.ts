import type { StraceModel } from '../../../shared/parsers/strace/index';

export interface TargetExit {
  /** "was killed by SIGTERM", "exited with code 0". */
  how: string;
  /** The last timestamp strace printed (the exit line's), to the second; null without -t. */
  at: string | null;
}

/**
 * How the traced process ended, from strace's `+++ exited with N +++` / `+++ killed by SIG +++`
 * line for it. A line without `[pid N]` is the target's too: strace only leaves the prefix out
 * while it traces a single task.
 */
export function straceTargetExit(model: StraceModel, pid: number): TargetExit | null {
  const exit = model.exits.find((e) => e.pid === pid) ?? model.exits.find((e) => e.pid === null);
  if (!exit) return null;
  const how =
    exit.killedBy !== null
      ? `was killed by ${exit.killedBy}`
      : `exited with code ${exit.code ?? '?'}`;
  const at = model.lastTimeRaw === null ? null : model.lastTimeRaw.replace(/\.\d+$/, '');
  return { how, at };
}
