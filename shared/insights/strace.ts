/**
 * Plain-word findings from a parsed strace stream (StraceModel), each with the evidence it rests
 * on: a loop of calls that never succeeds (seed 003's `sendto` + `rename` = -1 ENOENT, heuristics in
 * docs/tool-output-formats.md §4.5), where the time goes, repeated failures and
 * their targets, threads stuck in a call, attach failures, killed processes.
 */
import {
  benignFailure,
  ERRNO_HINTS,
  LOCKISH_CALLS,
  SERIOUS_ERRNOS,
  SLEEP_CALLS,
  SYSCALL_MEANING,
  type StraceLoop,
  type StraceModel,
  type StraceSummaryRow,
  type StraceSyscallStats,
} from '../parsers/strace';

/** An event loop's wait for readiness: a cycle with one is a loop serving events, not a spin. */
const READINESS_WAITS = new Set([
  'epoll_wait',
  'epoll_pwait',
  'epoll_pwait2',
  'poll',
  'ppoll',
  'select',
  'pselect6',
]);

export interface StraceFinding {
  text: string;
  evidence: string[];
  severity: 'info' | 'warn';
}

/** "40000" → "40 000". */
export function groupDigits(n: number): string {
  const s = String(Math.round(n));
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

const pct = (x: number): string => `${Math.round(x * 100)} %`;
const secs = (x: number): string =>
  x >= 10 ? `${x.toFixed(0)} s` : x >= 1 ? `${x.toFixed(1)} s` : `${(x * 1000).toFixed(1)} ms`;
const thread = (pid: number | null): string =>
  pid === null ? 'the traced thread' : `thread ${pid}`;
const cap = (s: string): string => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

function stepText(s: { name: string; errno: string | null }): string {
  return s.errno === null ? s.name : `${s.name} = -1 ${s.errno}`;
}

function byName(model: StraceModel): Map<string, StraceSyscallStats> {
  return new Map(model.syscalls.map((s) => [s.name, s]));
}

function loopFinding(loop: StraceLoop, model: StraceModel): StraceFinding | null {
  if (loop.repeats < 10) return null;
  const stats = byName(model);
  const seq = `\`${loop.cycle.map(stepText).join('; ')}\``;
  // Routine results (EAGAIN, EINPROGRESS, a timed wait's ETIMEDOUT) are steps, not failures.
  const failing = loop.cycle.filter(
    (s) => s.errno !== null && !benignFailure({ syscall: s.name, errno: s.errno }),
  );
  // A call that sleeps or blocks (≥ 1 ms on average) makes it a periodic task, not a spin.
  const blocking = loop.cycle.filter((s) => {
    const st = stats.get(s.name);
    return (
      SLEEP_CALLS.has(s.name) ||
      // A wait that returns work done by the rest of the cycle; a wait alone is a poll spin.
      (READINESS_WAITS.has(s.name) && loop.cycle.length > 1) ||
      (st !== undefined && st.count > 0 && st.totalTime / st.count >= 0.001)
    );
  });
  const evidence = [
    `${groupDigits(loop.repeats)} repetitions in a row${loop.ongoing ? ', still going on' : ''}; ${pct(loop.share)} of the last calls`,
  ];
  // A loop that pauses every N rounds: its rounds over all bursts, at the pace they keep up.
  const paused = loop.bursts > 1;
  if (paused)
    evidence.push(`${groupDigits(loop.rounds)} rounds in ${groupDigits(loop.bursts)} bursts`);
  if (paused && loop.sustainedRate !== null) {
    const burst = loop.rate !== null ? ` (${groupDigits(loop.rate)} within a burst)` : '';
    evidence.push(`${groupDigits(loop.sustainedRate)} rounds per second sustained${burst}`);
  } else if (loop.rate !== null) evidence.push(`${groupDigits(loop.rate)} rounds per second`);
  for (const s of failing) {
    const g = model.errorGroups.find((e) => e.syscall === s.name && e.errno === s.errno);
    if (g) evidence.push(g.example);
  }
  const where = `in ${thread(loop.pid)}`;
  // The share is the run in a row's: it would understate a loop in bursts, so it is left out.
  const times = paused
    ? `${groupDigits(loop.rounds)} times in ${groupDigits(loop.bursts)} bursts`
    : `${groupDigits(loop.repeats)} times (${pct(loop.share)} of recent calls)`;
  if (blocking.length > 0) {
    if (failing.length === 0) return null;
    return {
      severity: 'info',
      text: `A periodic task ${where} repeats ${seq} ${times}; every round fails ${failing.map((s) => `\`${s.name}\``).join(', ')}`,
      evidence,
    };
  }
  if (loop.share < 0.3 && (loop.sustainedRate === null || loop.sustainedRate < 100)) return null;
  if (failing.length > 0) {
    return {
      severity: 'warn',
      text: `The same ${seq} sequence repeated ${times} ${where}: a loop that never succeeds`,
      evidence,
    };
  }
  return {
    severity: 'warn',
    text: `${cap(thread(loop.pid))} spins on ${seq}: repeated ${times} without sleeping`,
    evidence,
  };
}

function timeFinding(model: StraceModel): StraceFinding | null {
  let rows: { name: string; time: number; calls: number; max: number | null }[] = [];
  let source = '';
  if (model.hasDurations) {
    rows = model.syscalls.map((s) => ({
      name: s.name,
      time: s.totalTime,
      calls: s.count,
      max: s.maxTime,
    }));
    source = 'from -T';
  } else if (model.summary && model.summary.rows.length > 0) {
    rows = model.summary.rows.map((r: StraceSummaryRow) => ({
      name: r.name,
      time: r.seconds ?? 0,
      calls: r.calls ?? 0,
      max: r.maxSeconds ?? null,
    }));
    source = 'from the -c table (system time unless -w)';
  }
  const total = rows.reduce((a, r) => a + r.time, 0);
  const top = [...rows].sort((a, b) => b.time - a.time)[0];
  if (!top || total <= 0 || top.time / total < 0.4) return null;
  const share = top.time / total;
  const meaning = SYSCALL_MEANING[top.name];
  return {
    severity: LOCKISH_CALLS.has(top.name) && share >= 0.5 ? 'warn' : 'info',
    text: `Most time is in \`${top.name}\`${meaning ? ` (${meaning})` : ''}: ${pct(share)} of the time spent in system calls`,
    evidence: [
      `${top.name}: ${secs(top.time)} over ${groupDigits(top.calls)} calls${top.max ? `, longest ${secs(top.max)}` : ''} (${source})`,
      `all calls: ${secs(total)}`,
    ],
  };
}

function errorFindings(model: StraceModel, covered: Set<string>): StraceFinding[] {
  const out: StraceFinding[] = [];
  for (const g of model.errorGroups) {
    if (out.length >= 5) break;
    if (benignFailure(g) || covered.has(`${g.syscall} ${g.errno}`)) continue;
    const serious = SERIOUS_ERRNOS.has(g.errno);
    if (g.count < (serious ? 3 : 20)) continue;
    const socket =
      g.path !== null && /^(?:\[|\d|@|\/dev\/log)/.test(g.path) && !g.path.startsWith('/dev/null');
    const target =
      g.path === null
        ? ''
        : ` ${/^(connect|sendto|sendmsg|bind)$/.test(g.syscall) || socket ? 'to' : 'on'} ${g.path}`;
    const hint = ERRNO_HINTS[g.errno];
    out.push({
      severity: serious ? 'warn' : 'info',
      text: `\`${g.syscall}\` = -1 ${g.errno} ${groupDigits(g.count)} times${target}${hint ? ` (${hint})` : ''}`,
      evidence: [g.example],
    });
  }
  return out;
}

function pendingFindings(model: StraceModel): StraceFinding[] {
  if (model.lastTime === null || (model.timeFormat !== 'clock-us' && model.timeFormat !== 'epoch'))
    return [];
  const now = model.lastTime;
  const stuck = model.pending
    .filter((p) => p.since !== null && now - p.since >= 1 && now - p.since < 43_200)
    .sort((a, b) => (a.since ?? 0) - (b.since ?? 0))
    .slice(0, 3);
  return stuck.map((p) => {
    const waited = now - (p.since ?? now);
    const meaning = SYSCALL_MEANING[p.name];
    return {
      severity: waited >= 5 ? 'warn' : 'info',
      text: `${cap(thread(p.pid))} has been in \`${p.name}\` for ${secs(waited)}${meaning ? ` (${meaning})` : ''}`,
      evidence: [`${p.sinceRaw ?? ''} ${p.name}(${p.args} <unfinished ...>`.trim()],
    };
  });
}

function messageFindings(model: StraceModel): StraceFinding[] {
  const out: StraceFinding[] = [];
  for (const m of model.messages) {
    if (m.kind !== 'message' || m.error === undefined) continue;
    const perm = /not permitted|Permission denied/i.test(m.error);
    out.push({
      severity: 'warn',
      text:
        `strace could not ${/attach/.test(m.text) ? 'attach to' : 'trace'} ${m.pid === null ? 'the process' : `process ${m.pid}`}: ${m.error}` +
        (perm
          ? ' (run strace as root or as the process owner; containers need CAP_SYS_PTRACE, and kernel.yama.ptrace_scope may forbid it)'
          : /No such process/.test(m.error)
            ? ' (the process is gone: check the pid)'
            : ''),
      evidence: [m.text],
    });
    if (out.length >= 3) break;
  }
  return out;
}

function exitFindings(model: StraceModel): StraceFinding[] {
  const killed = new Map<string, (number | null)[]>();
  const failed: { pid: number | null; code: number | null }[] = [];
  for (const e of model.exits) {
    if (e.killedBy !== null) killed.set(e.killedBy, [...(killed.get(e.killedBy) ?? []), e.pid]);
    else if (e.code !== null && e.code !== 0) failed.push(e);
  }
  const out: StraceFinding[] = [];
  for (const [sig, pids] of killed) {
    const who = pids.length === 1 ? thread(pids[0] ?? null) : `${pids.length} threads`;
    out.push({
      severity: 'warn',
      text: `${cap(who)} killed by ${sig}${sig === 'SIGKILL' ? ' (kill -9 or the kernel OOM killer)' : ''}`,
      evidence: pids.slice(0, 8).map((p) => `[pid ${p ?? '?'}] +++ killed by ${sig} +++`),
    });
  }
  if (failed.length > 0) {
    out.push({
      severity: 'info',
      text: `${failed.length} process${failed.length === 1 ? '' : 'es'} exited with a non-zero code`,
      evidence: failed
        .slice(0, 8)
        .map((e) => `[pid ${e.pid ?? '?'}] +++ exited with ${e.code} +++`),
    });
  }
  return out;
}

function signalFindings(model: StraceModel): StraceFinding[] {
  return model.signals
    .filter((s) => /^SIG(SEGV|BUS|ABRT|FPE|ILL|PIPE)$/.test(s.signal))
    .map((s) => ({
      severity: 'warn' as const,
      text: `${s.signal} delivered ${groupDigits(s.count)} time${s.count === 1 ? '' : 's'}${s.signal === 'SIGPIPE' ? ' (writes to a closed pipe or socket)' : ' (a crash signal)'}`,
      evidence: [`--- ${s.signal} {...} --- × ${s.count}`],
    }));
}

/** Findings about a strace model, warnings first. */
export function straceFindings(model: StraceModel): StraceFinding[] {
  const found: StraceFinding[] = [];
  const covered = new Set<string>();
  const loop = model.loop ? loopFinding(model.loop, model) : null;
  if (loop) {
    found.push(loop);
    // A failing loop already quotes its errors; a periodic task's failures still get their own line.
    if (loop.severity === 'warn') {
      for (const s of model.loop?.cycle ?? [])
        if (s.errno !== null) covered.add(`${s.name} ${s.errno}`);
    }
  }
  found.push(...messageFindings(model), ...exitFindings(model), ...signalFindings(model));
  const time = timeFinding(model);
  if (time) found.push(time);
  found.push(...pendingFindings(model), ...errorFindings(model, covered));
  const failures = model.errorGroups.filter((g) => !benignFailure(g));
  const failed = failures.reduce((n, g) => n + g.count, 0);
  if (!loop && model.calls >= 100 && failed / model.calls >= 0.5) {
    found.push({
      severity: 'info',
      text: `${pct(failed / model.calls)} of the calls fail`,
      evidence: failures.slice(0, 3).map((g) => `${g.syscall} ${g.errno}: ${groupDigits(g.count)}`),
    });
  }
  if (model.lines >= 20 && model.unparsedLines / model.lines > 0.2) {
    found.push({
      severity: 'info',
      text: `${groupDigits(model.unparsedLines)} of ${groupDigits(model.lines)} lines were not strace output`,
      evidence: [
        'other programs writing to the same terminal, or a format this parser does not know',
      ],
    });
  }
  return [
    ...found.filter((f) => f.severity === 'warn'),
    ...found.filter((f) => f.severity === 'info'),
  ];
}
