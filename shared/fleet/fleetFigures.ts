/**
 * The figures a fleet view compares for each capture it can run on several hosts at once, read
 * from each host's parsed model. Pure: the renderer passes the models in.
 */
import { groupDigits } from '../insights/strace';
import type { SsModel } from '../parsers/ss/index';
import type { StraceSummary } from '../parsers/strace/index';
import type { TopModel } from '../parsers/top/topCapture';

/** The captures a fleet can run: the ones whose figures mean the same thing on every host. */
export const FLEET_RECIPES = ['host-overview', 'threads', 'strace-summary', 'ss'] as const;
export type FleetRecipe = (typeof FLEET_RECIPES)[number];

export const isFleetRecipe = (value: string): value is FleetRecipe =>
  FLEET_RECIPES.some((recipe) => recipe === value);

/** One column of the comparison. */
export interface FigureSpec {
  key: string;
  label: string;
  /** What it is, for the column's tooltip. */
  title: string;
  /**
   * Below this the figure is harmless whatever the other hosts show (see standsOut); null: the
   * column is shown but not compared (a name, or a figure only a person can weigh).
   */
  floor: number | null;
}

/** One host's value in one column. */
export interface FigureValue {
  /** What is compared; null when the capture does not have it (yet). */
  value: number | null;
  text: string;
  /** A second line: which syscall, which thread. */
  detail?: string;
}

/**
 * A tenth of a core: an idle service's process sits at 0-2 % (top's samples jitter by that much),
 * and one of several alike at 10 % or more while its peers idle is doing something they do not
 * (seed 003's looping backend showed 18 % of a core on a loaded 2-core lab, its peers 0-1 %).
 */
const PROCESS_CPU_FLOOR = 10;

// Floors, each the level below which nobody would act on the figure alone.
export const FIGURE_SPECS: Record<FleetRecipe, readonly FigureSpec[]> = {
  'host-overview': [
    {
      key: 'loadPerCore',
      label: 'load / core',
      title: '1-minute load average divided by the cores: above 1, tasks wait for a CPU',
      floor: 0.7,
    },
    { key: 'hostCpu', label: 'host CPU', title: 'busy share of all cores (100 − idle)', floor: 50 },
    {
      key: 'processCpu',
      label: 'process CPU',
      title: "the matched process's %CPU (100 = one core)",
      floor: PROCESS_CPU_FLOOR,
    },
  ],
  threads: [
    {
      key: 'processCpu',
      label: 'process CPU',
      title: "the sum of the process's threads' %CPU (100 = one core)",
      floor: PROCESS_CPU_FLOOR,
    },
    {
      key: 'busiestThread',
      label: 'busiest thread',
      title: "the busiest thread's %CPU: near 100, one core is saturated",
      floor: 30,
    },
    { key: 'loadPerCore', label: 'load / core', title: '1-minute load per core', floor: 0.7 },
  ],
  'strace-summary': [
    {
      key: 'callsPerSecond',
      label: 'calls/s',
      title: 'syscalls per second over the traced time',
      floor: 1000,
    },
    { key: 'errorsPerSecond', label: 'errors/s', title: 'failed syscalls per second', floor: 10 },
    {
      key: 'errorRatio',
      label: 'error ratio',
      title: 'failed calls / all calls (strace -c counts routine EAGAIN too)',
      floor: 0.05,
    },
    {
      key: 'topSyscall',
      label: 'top syscall',
      title: 'the syscall with most of the system time, and its share',
      floor: null,
    },
    {
      key: 'topFailing',
      label: 'top failing',
      title: 'the syscall with most errors (strace -c does not say which errno: strace does)',
      floor: null,
    },
    {
      key: 'syscallSeconds',
      label: 'syscall time',
      title: 'system time spent in syscalls over the traced time',
      floor: 0.1,
    },
  ],
  ss: [
    { key: 'established', label: 'ESTAB', title: 'established TCP connections', floor: 100 },
    {
      key: 'closeWait',
      label: 'CLOSE-WAIT',
      title: 'closed by the peer, not yet by the application: a leak when it grows',
      floor: 10,
    },
    { key: 'timeWait', label: 'TIME-WAIT', title: 'recently closed connections', floor: 200 },
    {
      key: 'listenQueue',
      label: 'listen queue',
      title: 'the fullest accept queue (waiting / backlog): connections not accepted yet',
      floor: 5,
    },
  ],
};

/** What a host's capture is read with: the model of its kind, and what the host told us. */
export type FleetModel =
  | { parser: 'top'; model: TopModel }
  | { parser: 'strace-summary'; model: StraceSummary | null }
  | { parser: 'ss'; model: SsModel };

export interface FigureContext {
  /** The process the capture is about (host-overview: the matched one, if any). */
  pid: number | null;
  /** The host's cores, when the connection knows them. */
  cores: number | null;
  /** strace -c: how long it traced. */
  seconds: number | null;
}

const NONE: FigureValue = { value: null, text: '–' };

const fixed = (n: number, digits: number): string => n.toFixed(digits);
const percent = (n: number): string => `${n < 10 ? n.toFixed(1) : n.toFixed(0)} %`;
const grouped = groupDigits;

function topFigures(model: TopModel, context: FigureContext): Record<string, FigureValue> {
  const frame = model.frame;
  if (!frame) return {};
  const summary = frame.summary;
  const cores = context.cores ?? summary.cpuCount ?? (summary.perCpu?.length || null);
  const out: Record<string, FigureValue> = {};
  if (summary.load && cores) {
    const perCore = summary.load.one / cores;
    out.loadPerCore = {
      value: perCore,
      text: fixed(perCore, 2),
      detail: `${fixed(summary.load.one, 2)} on ${cores} cores`,
    };
  }
  if (summary.cpu) {
    const busy = Math.max(0, 100 - summary.cpu.id);
    out.hostCpu = { value: busy, text: percent(busy) };
  }
  if (summary.taskKind === 'threads') {
    // top -H -p PID: every row is a thread of the process.
    const total = frame.rows.reduce((sum, row) => sum + row.cpuPercent, 0);
    out.processCpu = { value: total, text: percent(total), detail: `${frame.rows.length} threads` };
    const busiest = frame.rows.reduce<(typeof frame.rows)[number] | null>(
      (best, row) => (best === null || row.cpuPercent > best.cpuPercent ? row : best),
      null,
    );
    if (busiest)
      out.busiestThread = {
        value: busiest.cpuPercent,
        text: percent(busiest.cpuPercent),
        detail: `${busiest.pid} ${busiest.command}`,
      };
  } else if (context.pid !== null) {
    const row = frame.rows.find((r) => r.pid === context.pid);
    // top -b lists every process: one not listed has ended.
    out.processCpu = row
      ? { value: row.cpuPercent, text: percent(row.cpuPercent), detail: row.command }
      : { value: null, text: 'gone' };
  }
  return out;
}

function straceFigures(
  summary: StraceSummary | null,
  context: FigureContext,
): Record<string, FigureValue> {
  if (!summary?.complete) return {};
  const calls = summary.total?.calls ?? summary.rows.reduce((n, r) => n + (r.calls ?? 0), 0);
  const errors = summary.total?.errors ?? summary.rows.reduce((n, r) => n + r.errors, 0);
  const seconds = context.seconds && context.seconds > 0 ? context.seconds : null;
  const out: Record<string, FigureValue> = {};
  if (seconds !== null) {
    out.callsPerSecond = {
      value: calls / seconds,
      text: grouped(calls / seconds),
      detail: `${grouped(calls)} in ${seconds} s`,
    };
    out.errorsPerSecond = { value: errors / seconds, text: grouped(errors / seconds) };
  }
  out.errorRatio =
    calls > 0 ? { value: errors / calls, text: percent((100 * errors) / calls) } : NONE;
  // By share of the time; by calls where strace printed 0.00 for every row (a quiet process).
  const share = (row: StraceSummary['rows'][number]) => row.percentTime ?? 0;
  const top = summary.rows.reduce<StraceSummary['rows'][number] | null>((best, row) => {
    if (best === null || share(row) > share(best)) return row;
    return share(row) === share(best) && (row.calls ?? 0) > (best.calls ?? 0) ? row : best;
  }, null);
  if (top)
    out.topSyscall = {
      value: top.percentTime,
      text: top.name,
      detail: top.percentTime === null ? '' : `${percent(top.percentTime)} of the time`,
    };
  const failing = summary.rows.reduce<StraceSummary['rows'][number] | null>(
    (best, row) => (row.errors > 0 && (best === null || row.errors > best.errors) ? row : best),
    null,
  );
  out.topFailing = failing
    ? {
        value: failing.errors,
        text: failing.name,
        detail: `${grouped(failing.errors)} of ${grouped(failing.calls ?? failing.errors)} failed`,
      }
    : { value: 0, text: 'none' };
  const time = summary.total?.seconds ?? null;
  if (time !== null)
    out.syscallSeconds = {
      value: seconds ? time / seconds : time,
      text: `${fixed(time, 3)} s`,
      ...(seconds ? { detail: `in ${seconds} s` } : {}),
    };
  return out;
}

function ssFigures(model: SsModel): Record<string, FigureValue> {
  if (model.tablesSeen === 0) return {};
  const state = (name: string): FigureValue => {
    const count = model.byState.find((s) => s.key === name)?.count ?? 0;
    return { value: count, text: grouped(count) };
  };
  const fullest = model.listening.reduce<SsModel['listening'][number] | null>(
    (best, l) => (best === null || l.acceptQueue > best.acceptQueue ? l : best),
    null,
  );
  return {
    established: state('ESTAB'),
    closeWait: state('CLOSE-WAIT'),
    timeWait: state('TIME-WAIT'),
    listenQueue: fullest
      ? {
          value: fullest.acceptQueue,
          text: `${fullest.acceptQueue}/${fullest.backlog}`,
          detail: `${fullest.local.text}${model.fullQueues > 0 ? ` · ${model.fullQueues} full` : ''}`,
        }
      : { value: 0, text: 'no listener' },
  };
}

/** One host's figures for its capture, by column key; a key missing is not known (yet). */
export function fleetFigures(
  captured: FleetModel,
  context: FigureContext,
): Record<string, FigureValue> {
  switch (captured.parser) {
    case 'top':
      return topFigures(captured.model, context);
    case 'strace-summary':
      return straceFigures(captured.model, context);
    case 'ss':
      return ssFigures(captured.model);
  }
}

export const figureOrNone = (figures: Record<string, FigureValue>, key: string): FigureValue =>
  figures[key] ?? NONE;
