import { displayText, type ProbeField, type ProbeValues } from './hostProbe';

/**
 * The target process as the host sees it: does it exist, whose is it, its state, its name, and
 * which tracer holds it. Shared by preflight and by the check after a capture.
 *
 * `t` (tracing stop) is what every ptrace user causes while it works: py-spy pauses the target
 * for each sample, strace at each system call. One read in that instant is not "stopped", so
 * a `t` is read again, five times over a second, before it counts; the tracer seen meanwhile
 * is named (`TracerPid` in /proc/PID/status, then that process's comm: display text only).
 */

export type TargetKey =
  'target' | 'target_uid' | 'target_state' | 'target_comm' | 'tracer_pid' | 'tracer_comm';

export const TARGET_KEYS: readonly TargetKey[] = [
  'target',
  'target_uid',
  'target_state',
  'target_comm',
  'tracer_pid',
  'tracer_comm',
];

/** Re-reads of a `t` state, 0.2 s apart. */
const SETTLE_READS = 5;

/** Shell lines that compute the facts of `pid` (a validated number) into variables. */
export function targetSetup(pid: number): string[] {
  const proc = `/proc/${Math.trunc(pid)}`;
  return [
    // One awk per read: the state (the first field after `(comm) `, and comm itself may hold
    // ") ") and TracerPid. The last tracer seen is kept: a sampler attaches between reads.
    `rd() { set -- $(awk '/^TracerPid:/ {print $2} FNR == 1 && FILENAME ~ /stat$/ {sub(/^.*\\) /, ""); print $1}' ${proc}/stat ${proc}/status 2>/dev/null); s=$1; case "$2" in ''|0|*[!0-9]*) ;; "$tp") ;; *) tp=$2; tc=$(cat "/proc/$2/comm" 2>/dev/null);; esac; }`,
    'tp=0; tc=; n=0; rd',
    `while [ "$s" = t ] && [ $n -lt ${SETTLE_READS} ]; do sleep 0.2; n=$((n+1)); rd; done`,
    `if [ -d ${proc} ]; then tx=yes; else tx=no; fi`,
  ];
}

export function targetFields(pid: number): ProbeField<TargetKey>[] {
  const proc = `/proc/${Math.trunc(pid)}`;
  return [
    { key: 'target', command: 'echo "$tx"' },
    { key: 'target_uid', command: `stat -c %u ${proc} 2>/dev/null` },
    { key: 'target_state', command: 'echo "$s"' },
    { key: 'target_comm', command: `cat ${proc}/comm 2>/dev/null` },
    { key: 'tracer_pid', command: 'echo "$tp"' },
    { key: 'tracer_comm', command: 'echo "$tc"' },
  ];
}

export interface Tracer {
  pid: number;
  /** The tracer's comm, for display only. */
  name: string;
}

export interface TargetFacts {
  exists: boolean;
  uid: number | null;
  /** One letter of /proc/PID/stat (R, S, D, T, t, Z…), or null when unreadable. */
  state: string | null;
  /** The target's comm, for display only. */
  name: string | null;
  tracer: Tracer | null;
}

const number = (text: string | undefined): number | null =>
  text !== undefined && /^\d{1,10}$/.test(text) ? Number(text) : null;

export function readTargetFacts(values: ProbeValues<TargetKey>): TargetFacts {
  const state = values.get('target_state') ?? '';
  const comm = values.get('target_comm') ?? '';
  const tracerPid = number(values.get('tracer_pid'));
  return {
    exists: values.get('target') === 'yes',
    uid: number(values.get('target_uid')),
    state: /^[A-Za-z]$/.test(state) ? state : null,
    name: comm ? displayText(comm, 64) : null,
    tracer:
      tracerPid !== null && tracerPid > 0
        ? { pid: tracerPid, name: displayText(values.get('tracer_comm') || '?', 64) }
        : null,
  };
}

/** What the state means for the engineer, or null when there is nothing to say. */
export function describeTargetState(
  pid: number,
  facts: Pick<TargetFacts, 'state' | 'tracer'>,
): string | null {
  const held = facts.tracer ? `${facts.tracer.name} (PID ${facts.tracer.pid})` : null;
  if (facts.state === 'T')
    return `Process ${pid} is stopped (state T); it will not make progress until continued.`;
  if (facts.state === 't')
    return held
      ? `Process ${pid} is held by ${held}, which is tracing it (state t: paused while the tracer works, not stopped).`
      : `Process ${pid} stayed in a tracing stop (state t) for a second, with no tracer attached now.`;
  return null;
}
