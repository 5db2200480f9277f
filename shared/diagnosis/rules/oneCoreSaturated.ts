/**
 * One process saturating one core of a multi-core host: seed 000's "only 50 %" trap. Python runs
 * Python code on one core at a time per process (the GIL), so a process at ~100 % of one core on
 * a 2-core host is at its ceiling while monitoring (an average over all cores) shows ~50 %.
 */
import type { EvidenceRef } from '../evidence';
import type { ProcessFacts } from '../facts/facts';
import type { Finding } from '../finding';
import { finding, pct, threadName, when } from './ruleKit';

/** ≥ 85 % of one core counts as saturated (top samples over 1–3 s; short pauses lower it). */
const SATURATED = 85;
/** More than 1.3 cores is not "one core": the process runs in parallel (native code, subprocesses). */
const ONE_CORE_MAX = 130;

export function oneCoreSaturated(facts: ProcessFacts): Finding[] {
  const cpu = facts.cpu;
  const cores = facts.cores;
  if (cpu === null || cores === null || cores.count < 2) return [];
  if (cpu.processPercent < SATURATED || cpu.processPercent > ONE_CORE_MAX) return [];
  const expectedHost = 100 / cores.count;
  const hostMatches =
    cpu.hostBusyPercent !== null && Math.abs(cpu.hostBusyPercent - expectedHost) <= 15;
  const busiest = cpu.busiest;
  const oneThread = busiest !== null && busiest.cpuPercent >= SATURATED;
  const gil = facts.pyspyTop?.model.gilPercent ?? null;
  const evidence: EvidenceRef[] = [
    cpu.from === 'process-row'
      ? { kind: 'top-row', capture: cpu.capture, pid: facts.pid }
      : { kind: 'top-row', capture: cpu.capture, pid: cpu.totalRowTid ?? facts.pid },
  ];
  if (cpu.hostBusyPercent !== null) evidence.push({ kind: 'top-summary', capture: cpu.capture });
  const busiestThread = facts.threads.find((t) => t.tid === busiest?.pid);
  if (oneThread && busiestThread?.topCapture !== undefined && busiest !== null) {
    evidence.push({ kind: 'top-row', capture: busiestThread.topCapture, pid: busiest.pid });
  }
  if (facts.pyspyTop !== null && gil !== null) {
    evidence.push({ kind: 'pyspy-top-summary', capture: facts.pyspyTop.capture });
  }
  const hostWords =
    cpu.hostBusyPercent === null
      ? `monitoring that averages over the ${cores.count} cores shows ~${pct(expectedHost)}`
      : `the host shows ${pct(cpu.hostBusyPercent)} busy`;
  const cannotCheck: string[] = [];
  if (cores.how === 'inferred') {
    cannotCheck.push(
      `the core count: ${cores.count} is inferred from the process's share of the host's CPU (press 1 in top, or run nproc)`,
    );
  }
  if (busiest === null) cannotCheck.push('which thread burns the core: needs top -H -p PID');
  return [
    finding(facts, {
      kind: 'one-core-saturated',
      subject: 'cpu',
      severity: cpu.processPercent >= 95 ? 'critical' : 'warning',
      base: 55,
      reasons: [
        ...when(
          cpu.processPercent >= 95,
          15,
          `the process is at ${pct(cpu.processPercent)} of one core`,
        ),
        ...when(
          hostMatches,
          10,
          `the host's ${pct(cpu.hostBusyPercent ?? 0)} is one core of ${cores.count}`,
        ),
        ...when(oneThread, 5, `one thread alone is at ${pct(busiest?.cpuPercent ?? 0)}`),
        ...when(
          gil !== null && gil >= 90,
          10,
          `py-spy top: the GIL is held ${pct(gil ?? 0)} of the time`,
        ),
        ...when(cores.how === 'inferred', -10, 'the core count is inferred, not printed'),
      ],
      title: `PID ${facts.pid} uses ${pct(cpu.processPercent)} of one core; the host has ${cores.count} cores, so ${hostWords}`,
      statement:
        `The process is at its ceiling: Python runs one thread's Python code at a time per process (the GIL), so it cannot use more than one core for it. ` +
        `${oneThread && busiest !== null ? `${threadName(busiestThread ?? { tid: busiest.pid, threadId: String(busiest.pid) })} is at ${pct(busiest.cpuPercent)}. ` : ''}` +
        `Host-wide CPU graphs average over ${cores.count} cores and hide it: "${pct(expectedHost)}" here means one core full.`,
      evidence,
      cannotCheck,
      nextSteps: [
        ...(busiest === null
          ? [
              {
                label: 'per-thread CPU (top -H)',
                capture: { recipe: 'threads' as const, pid: facts.pid },
              },
            ]
          : []),
        {
          label: oneThread && busiest !== null ? "dump the busy thread's stack" : 'dump the stacks',
          capture: { recipe: 'pyspy-dump', pid: facts.pid },
          ...(oneThread && busiest !== null ? { focusTid: busiest.pid } : {}),
        },
        ...(gil === null
          ? [
              {
                label: 'is it the GIL? (py-spy top)',
                capture: { recipe: 'pyspy-top' as const, pid: facts.pid },
              },
            ]
          : []),
      ],
    }),
  ];
}
