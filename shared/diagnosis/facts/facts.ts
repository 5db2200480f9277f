/**
 * The facts layer: what every capture of one process says, joined by PID and TID. A thread is
 * one `ThreadFact` whether `top -H` (its %CPU), py-spy or gdb (its stack in each dump) saw it.
 */
import type { FunctionRow } from '../../flame/topFunctions';
import type { ErrorKindCount } from '../../parsers/nginx/errorLogModel';
import type { UpstreamSummary } from '../../parsers/nginx/accessLogModel';
import type { PsRow } from '../../parsers/ps/psModel';
import type { PyProcessDump, PyThread } from '../../parsers/pyspy/dumpModel';
import type { PySpyTopModel } from '../../parsers/pyspy/index';
import type { SsListener, SsSocket } from '../../parsers/ss/ssModel';
import type { StraceLoop } from '../../parsers/strace/straceModel';
import type { TopCpu, TopRow } from '../../parsers/top/topModel';

export interface DumpFact {
  capture: string;
  /** Index in the capture model's `dumps`. */
  dump: number;
  source: PyProcessDump['source'];
  /** ms since the epoch, when known. */
  takenAt: number | null;
  /** Order of all dumps of the process, oldest first. */
  order: number;
}

export interface ThreadSample {
  /** Index into ProcessFacts.dumps. */
  dumpOrder: number;
  capture: string;
  dump: number;
  thread: PyThread;
  /** The Python thread name (py-spy); gdb prints only the OS name ("python3"), so none. */
  pythonName: string | undefined;
  /** Function, file and line of every frame: equal keys are equal stacks. */
  stackKey: string;
}

export interface ThreadFact {
  tid: number | null;
  /** As the first dump printed it (a decimal tid or a pthread id). */
  threadId: string;
  name?: string;
  /** From `top -H`: 100 = one core; absent when no thread listing had it. */
  cpuPercent?: number;
  topState?: string;
  topCapture?: string;
  samples: ThreadSample[];
}

export interface CpuFact {
  capture: string;
  /** Of the process, 100 = one core. */
  processPercent: number;
  /** Busy share of the whole host (100 − idle), when the frame had its summary. */
  hostBusyPercent: number | null;
  hostCpu: TopCpu | null;
  /** Where the process's figure comes from: its row in the host's list, or its threads. */
  from: 'process-row' | 'thread-rows';
  /** The busiest thread (the process-total row left out), from a thread listing. */
  busiest: TopRow | null;
  /** The `top -H` row whose TID is the PID but carries the process total (threadTotals.ts). */
  totalRowTid: number | null;
}

export interface CoresFact {
  count: number;
  /** Printed by a tool, or inferred from the process's share of the host's CPU. */
  how: 'given' | 'per-cpu-lines' | 'inferred';
}

export interface PySpyTopFact {
  capture: string;
  model: PySpyTopModel;
}

/** A `py-spy record` profile: where the samples went, by function (lines merged). */
export interface RecordFact {
  capture: string;
  samples: number;
  gilOnly: boolean;
  /** By total share, most first (a few dozen at most). */
  functions: readonly FunctionRow[];
}

export interface SyscallFact {
  capture: string;
  source: 'trace' | 'summary';
  name: string;
  calls: number;
  /** All `-1` results, routine ones included. */
  errors: number;
  /** Failures only (routine results left out); null when the source cannot tell (`-c`). */
  failures: number | null;
  /** Seconds in the call (-T sums, or the -c table's seconds). */
  seconds: number | null;
  /** Seconds the capture traced, when known (a `-c` table does not print it). */
  tracedSeconds: number | null;
}

export interface ErrnoFact {
  capture: string;
  syscall: string;
  errno: string;
  path: string | null;
  count: number;
  routine: boolean;
  example: string;
}

export interface LoopFact {
  capture: string;
  loop: StraceLoop;
  /** Seconds the trace covers, when timed. */
  traceSeconds: number | null;
  calls: number;
}

export interface SocketFact {
  capture: string;
  index: number;
  socket: SsSocket;
}

export interface ListenerFact {
  capture: string;
  index: number;
  listener: SsListener;
}

export interface PsFact {
  capture: string;
  row: PsRow;
  /** Every row of the listing (for siblings: workers of the same parent). */
  all: readonly PsRow[];
}

export interface UpstreamFact {
  capture: string;
  summary: UpstreamSummary;
}

export interface UpstreamErrorFact {
  capture: string;
  kind: ErrorKindCount;
  /** Upstream addresses named by entries of this kind (from the per-upstream counts). */
  upstreams: string[];
}

export interface ProcessFacts {
  host: string;
  pid: number;
  cores: CoresFact | null;
  cpu: CpuFact | null;
  dumps: DumpFact[];
  threads: ThreadFact[];
  pyspyTop: PySpyTopFact | null;
  records: RecordFact[];
  syscalls: SyscallFact[];
  errnos: ErrnoFact[];
  loops: LoopFact[];
  /** Sockets owned by the process (ss -p), and its listeners. */
  sockets: SocketFact[];
  listeners: ListenerFact[];
  /** Every socket of the listings, for peers that are the process's own listeners. */
  allSockets: SocketFact[];
  ps: PsFact | null;
  upstreams: UpstreamFact[];
  upstreamErrors: UpstreamErrorFact[];
}
