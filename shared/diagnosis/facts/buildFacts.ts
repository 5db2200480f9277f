/**
 * Builds ProcessFacts from the parsed models of a CaptureSet (no text is parsed again): each
 * kind adds what it knows, and threads are joined by TID across `top -H`, py-spy and gdb.
 */
import { topFunctions } from '../../flame/topFunctions';
import { threadTotals } from '../../insights/threadTotals';
import type { PyDumpModel } from '../../parsers/pyspy/dumpModel';
import { isFailure } from '../../parsers/strace/syscallResults';
import type { StraceModel, StraceSummary } from '../../parsers/strace/straceModel';
import type { TopFrame } from '../../parsers/top/topModel';
import type { CaptureSet, DiagnosisCapture } from '../captureSet';
import type { CoresFact, CpuFact, ProcessFacts, ThreadFact } from './facts';
import { frameKey } from './frames';

function emptyFacts(set: CaptureSet): ProcessFacts {
  return {
    host: set.host,
    pid: set.pid,
    cores: set.cpuCount !== undefined ? { count: set.cpuCount, how: 'given' } : null,
    cpu: null,
    dumps: [],
    threads: [],
    pyspyTop: null,
    records: [],
    syscalls: [],
    errnos: [],
    loops: [],
    sockets: [],
    listeners: [],
    allSockets: [],
    ps: null,
    upstreams: [],
    upstreamErrors: [],
  };
}

/** The thread fact of a TID (or, without one, of a printed thread id), made on first sight. */
function threadFact(facts: ProcessFacts, tid: number | null, threadId: string): ThreadFact {
  const found = facts.threads.find((t) => (tid !== null ? t.tid === tid : t.threadId === threadId));
  if (found !== undefined) return found;
  const made: ThreadFact = { tid, threadId, samples: [] };
  facts.threads.push(made);
  return made;
}

function addCores(facts: ProcessFacts, frame: TopFrame): void {
  if (facts.cores?.how === 'given') return;
  const s = frame.summary;
  if (s.cpuCount !== undefined) facts.cores = { count: s.cpuCount, how: 'given' };
  else if (s.perCpu !== undefined && s.perCpu.length > 0 && s.perCpu[0]?.label.startsWith('cpu')) {
    facts.cores = { count: s.perCpu.length, how: 'per-cpu-lines' };
  }
}

function addTop(facts: ProcessFacts, c: DiagnosisCapture<'top'>): void {
  const frame = c.model.frame;
  if (frame === null || frame.flavor === 'busybox') return;
  addCores(facts, frame);
  const hostCpu = frame.summary.cpu ?? null;
  const hostBusyPercent = hostCpu === null ? null : Math.max(0, 100 - hostCpu.id);
  const threadsListing =
    c.threadsOf === facts.pid ||
    (c.threadsOf === undefined && frame.summary.taskKind === 'threads');
  if (threadsListing) {
    const totals = threadTotals(frame, facts.pid);
    for (const row of frame.rows) {
      if (row.pid === totals.totalRowTid) continue;
      const t = threadFact(facts, row.pid, String(row.pid));
      t.cpuPercent = row.cpuPercent;
      t.topState = row.state;
      t.topCapture = c.id;
      if (t.name === undefined) t.name = row.command;
    }
    // A host listing's own row for the process wins over a sum of thread rows.
    if (facts.cpu?.from !== 'process-row' || facts.cpu.hostBusyPercent === null) {
      facts.cpu = {
        capture: c.id,
        processPercent: totals.processCores * 100,
        hostBusyPercent: hostBusyPercent ?? facts.cpu?.hostBusyPercent ?? null,
        hostCpu: hostCpu ?? facts.cpu?.hostCpu ?? null,
        from: 'thread-rows',
        busiest: totals.busiest,
        totalRowTid: totals.totalRowTid,
      };
    } else {
      facts.cpu = { ...facts.cpu, busiest: totals.busiest, totalRowTid: totals.totalRowTid };
    }
    return;
  }
  const row = frame.rows.find((r) => r.pid === facts.pid);
  if (row === undefined) return;
  const cpu: CpuFact = {
    capture: c.id,
    processPercent: row.cpuPercent,
    hostBusyPercent,
    hostCpu,
    from: 'process-row',
    busiest: facts.cpu?.busiest ?? null,
    totalRowTid: facts.cpu?.totalRowTid ?? null,
  };
  facts.cpu = cpu;
}

function addDumps(facts: ProcessFacts, c: DiagnosisCapture<'pyspy-dump' | 'gdb-pybt'>): void {
  const model: PyDumpModel = c.model;
  model.dumps.forEach((dump, index) => {
    // `--subprocesses` blocks of other processes, and dumps of another pid, are not this process.
    if (dump.pid !== 0 && dump.pid !== facts.pid) return;
    const takenAt =
      c.dumpTimes?.[dump.run] ??
      (c.everySeconds ? c.startedAt + dump.run * c.everySeconds * 1000 : null);
    const order = facts.dumps.length;
    facts.dumps.push({ capture: c.id, dump: index, source: dump.source, takenAt, order });
    for (const thread of dump.threads) {
      const t = threadFact(facts, thread.tid, thread.threadId);
      // py-spy gives the Python thread name; gdb's is the OS name ("python3").
      if (dump.source !== 'gdb' && thread.name !== undefined) t.name = thread.name;
      else if (t.name === undefined && thread.name !== undefined) t.name = thread.name;
      t.samples.push({
        dumpOrder: order,
        capture: c.id,
        dump: index,
        thread,
        pythonName: dump.source === 'gdb' ? undefined : thread.name,
        stackKey: thread.frames.map(frameKey).join('\u0001'),
      });
    }
  });
}

function addStrace(facts: ProcessFacts, c: DiagnosisCapture<'strace'>): void {
  const m: StraceModel = c.model;
  const span =
    m.firstTime !== null && m.lastTime !== null && m.timeFormat !== 'relative'
      ? m.lastTime - m.firstTime
      : null;
  for (const s of m.syscalls) {
    const failures = m.errorGroups
      .filter((g) => g.syscall === s.name && isFailure(g.syscall, g.errno))
      .reduce((n, g) => n + g.count, 0);
    facts.syscalls.push({
      capture: c.id,
      source: 'trace',
      name: s.name,
      calls: s.count,
      errors: s.errors,
      failures,
      seconds: m.hasDurations ? s.totalTime : null,
      tracedSeconds: span,
    });
  }
  for (const g of m.errorGroups) {
    facts.errnos.push({
      capture: c.id,
      syscall: g.syscall,
      errno: g.errno,
      path: g.path,
      count: g.count,
      routine: !isFailure(g.syscall, g.errno),
      example: g.example,
    });
  }
  if (m.loop !== null) {
    facts.loops.push({ capture: c.id, loop: m.loop, traceSeconds: span, calls: m.calls });
  }
  if (m.summary !== null) addSummary(facts, c.id, m.summary, span);
}

function addSummary(
  facts: ProcessFacts,
  capture: string,
  summary: StraceSummary,
  tracedSeconds: number | null,
): void {
  for (const r of summary.rows) {
    facts.syscalls.push({
      capture,
      source: 'summary',
      name: r.name,
      calls: r.calls ?? 0,
      errors: r.errors,
      failures: null,
      seconds: r.seconds,
      tracedSeconds,
    });
  }
}

function addSs(facts: ProcessFacts, c: DiagnosisCapture<'ss'>): void {
  c.model.sockets.forEach((socket, index) => {
    const fact = { capture: c.id, index, socket };
    facts.allSockets.push(fact);
    if (socket.processes.some((p) => p.pid === facts.pid)) facts.sockets.push(fact);
  });
  c.model.listening.forEach((listener, index) => {
    if (listener.processes.some((p) => p.pid === facts.pid)) {
      facts.listeners.push({ capture: c.id, index, listener });
    }
  });
}

function addPs(facts: ProcessFacts, c: DiagnosisCapture<'ps'>): void {
  const rows = c.model.table?.rows ?? [];
  const row = rows.find((r) => r.pid === facts.pid && (r.tid === null || r.tid === facts.pid));
  if (row !== undefined) facts.ps = { capture: c.id, row, all: rows };
}

function addCapture(facts: ProcessFacts, c: DiagnosisCapture): void {
  switch (c.kind) {
    case 'top':
      return addTop(facts, c);
    case 'pyspy-dump':
    case 'gdb-pybt':
      return addDumps(facts, c);
    case 'pyspy-top-screen':
      if (c.model.gilPercent !== null || c.model.rows.length > 0) {
        facts.pyspyTop = { capture: c.id, model: c.model };
      }
      return;
    case 'strace':
      return addStrace(facts, c);
    case 'strace-summary':
      if (c.model !== null) addSummary(facts, c.id, c.model, c.tracedSeconds ?? null);
      return;
    case 'ss':
      return addSs(facts, c);
    case 'ps':
      return addPs(facts, c);
    case 'nginx-access':
      for (const summary of c.model.upstreams) facts.upstreams.push({ capture: c.id, summary });
      return;
    case 'collapsed': {
      const tree = c.model.tree;
      if (tree === null || tree.totalWeight <= 0) return;
      facts.records.push({
        capture: c.id,
        samples: tree.totalWeight,
        gilOnly: c.gilOnly === true,
        functions: topFunctions(tree, { by: 'function', sortBy: 'total', limit: 40 }),
      });
      return;
    }
    case 'nginx-error':
      for (const kind of c.model.byKind) {
        const upstreams = c.model.byUpstream
          .filter((u) => u.kinds.some((k) => k.kind === kind.kind && k.level === kind.level))
          .map((u) => u.upstream);
        facts.upstreamErrors.push({ capture: c.id, kind, upstreams });
      }
      return;
  }
}

/** Cores from the process's share of the host: 101.6 % of one core = 52.4 % busy → 2 cores. */
function inferCores(facts: ProcessFacts): CoresFact | null {
  const cpu = facts.cpu;
  if (cpu === null || cpu.hostBusyPercent === null || cpu.hostBusyPercent < 5) return null;
  if (cpu.processPercent < 50) return null;
  const count = Math.round(cpu.processPercent / cpu.hostBusyPercent);
  return count >= 1 ? { count, how: 'inferred' } : null;
}

export function buildFacts(set: CaptureSet): ProcessFacts {
  const facts = emptyFacts(set);
  const ordered = [...set.captures].sort((a, b) => a.startedAt - b.startedAt);
  for (const c of ordered) addCapture(facts, c);
  facts.cores ??= inferCores(facts);
  return facts;
}
