import type { TopFrame, TopRow } from '../parsers/top/topModel';

/**
 * Reading of one `top -H -p PID` frame that copes with a procps quirk: on Debian 12's
 * procps-ng 4.0.2 (and in the seed-000 post-mortem's own paste) the row whose TID equals the
 * PID carries the whole process's %CPU and TIME+, not the main thread's. Seen in the lab:
 *
 *   18151 root 20 0 1192944 38276 10704 S  99.9 0.2 7:07.92 python3   <- process total
 *   18251 root 20 0 1192944 38276 10704 S  10.9 0.2 0:20.99 python3   <- a pool thread
 *
 * while /proc/18151/task/18151/stat showed the main thread nearly idle.
 */
export interface ThreadTotals {
  /** TID of the row that shows the process total instead of its own thread, if any. */
  totalRowTid: number | null;
  /** Cores the whole process uses (100 %CPU = one core). */
  processCores: number;
  /** The busiest real thread, leaving the total row out. */
  busiest: TopRow | null;
}

/** Below this the comparison is noise (idle processes). */
const MIN_CPU_TIME_SECONDS = 1;

function looksLikeProcessTotal(leader: TopRow, others: readonly TopRow[]): boolean {
  if (others.length === 0 || leader.cpuTimeSeconds === null) return false;
  const othersTime = others.reduce((sum, r) => sum + (r.cpuTimeSeconds ?? 0), 0);
  if (othersTime < MIN_CPU_TIME_SECONDS) return false;
  // The total includes every thread (and threads that already exited), so it is at least their sum.
  return leader.cpuTimeSeconds >= othersTime * 0.98;
}

export function threadTotals(frame: TopFrame, pid: number | null): ThreadTotals {
  const leader = frame.rows.find((r) => r.pid === pid);
  const others = frame.rows.filter((r) => r.pid !== pid);
  const leaderIsTotal = leader !== undefined && looksLikeProcessTotal(leader, others);
  const threads = leaderIsTotal ? others : frame.rows;
  const busiest = threads.reduce<TopRow | null>(
    (best, r) => (!best || r.cpuPercent > best.cpuPercent ? r : best),
    null,
  );
  const processPercent = leaderIsTotal
    ? leader.cpuPercent
    : threads.reduce((sum, r) => sum + r.cpuPercent, 0);
  return { totalRowTid: leaderIsTotal ? pid : null, processCores: processPercent / 100, busiest };
}
