import type { CaptureParamsInput } from '../../../shared/captures/recipes';

/**
 * What triage runs on one process, all at once, each bounded so that it is safe on a production
 * host and done within a few seconds: three `top -H` screens a second apart, three py-spy dumps a
 * second apart read without pausing the process (`--nonblocking`, with whole file paths), a 3 s
 * `strace -c`, and `ss`.
 * Where py-spy cannot run, one `gdb py-bt` stands in for the dumps (it pauses the process while
 * it reads the stacks, well under a second).
 */
export const TRIAGE_SECONDS = 3;

export interface TriageStep {
  /** What the step is for, in the triage's progress list. */
  label: string;
  params: CaptureParamsInput;
  /** Tried when this step cannot start (its tool is missing or not allowed). */
  fallback?: { label: string; params: CaptureParamsInput };
}

export function triagePlan(pid: number): TriageStep[] {
  return [
    {
      label: `threads: top -H, ${TRIAGE_SECONDS} screens 1 s apart`,
      params: { recipe: 'threads', pid, intervalSeconds: 1, iterations: TRIAGE_SECONDS },
    },
    {
      label: `stacks: ${TRIAGE_SECONDS} py-spy dumps 1 s apart, non-blocking`,
      params: {
        recipe: 'pyspy-dump',
        pid,
        everySeconds: 1,
        count: TRIAGE_SECONDS,
        nonblocking: true,
        // The diagnosis tells the app's frames from libraries' by their paths.
        fullFilenames: true,
      },
      fallback: {
        label: 'stacks: gdb py-bt (py-spy could not run)',
        params: { recipe: 'gdb-pybt', pid },
      },
    },
    {
      label: `syscalls: strace -c for ${TRIAGE_SECONDS} s`,
      params: { recipe: 'strace-summary', pid, seconds: TRIAGE_SECONDS },
    },
    { label: 'sockets: ss -tanp', params: { recipe: 'ss' } },
  ];
}
