/**
 * Model of Python thread dumps, shared by `py-spy dump` (text and `--json`) and gdb `py-bt`.
 * Grammar notes: docs/tool-output-formats.md §1.1.1–§1.1.6 and §1.8.
 *
 * Thread order is the text dump's: oldest thread first (MainThread usually first). `--json` and
 * gdb print newest first; their parsers reverse them. Frame order is py-spy's and gdb's: leaf
 * (most recent call) first, root last. The OS thread id `tid` is the join key with `top -H`
 * (PID column) and strace (`[pid TID]`).
 */

export interface PyLocal {
  name: string;
  /** py-spy's own repr, as printed (strings in double quotes, `<Thread at 0x…>`, `+bigint`, …). */
  value: string;
  /** Listed under "Arguments:" (JSON `arg: true`) rather than "Locals:". */
  arg?: boolean;
}

export interface PyFrame {
  /** `co_name`: `run`, `<module>`, `<lambda>`; for native frames the symbol or `0x7f…` address. */
  function: string;
  /**
   * py-spy: the shortened path (`concurrent/futures/thread.py`, `<frozen runpy>`) or, for a native
   * frame, the library (`libc.so.6`); gdb: the full path; '' when none was printed.
   */
  file: string;
  /** Line number; null when not printed (native frames, line 0). */
  line: number | null;
  /** With `--locals`: arguments first, then other locals, in py-spy's order. */
  locals?: PyLocal[];
  /** A native (C/C++/Rust) frame: `--native` output, or a gdb `<built-in …>` frame. */
  native?: boolean;
  /** gdb only: the source line it printed under the frame (trimmed). */
  source?: string;
  /**
   * gdb only: the address of the object a `<built-in method … of X object at remote 0x…>` is
   * bound to ("0x7fa0be7d2a40"): the same lock waited on by several threads has one address.
   */
  object?: string;
}

export interface PyThread {
  /** As printed: the decimal OS tid ("11747") or a hex pthread id ("0x7F1C…"); "?" when none was. */
  threadId: string;
  /** OS thread id (LWP) when known: decimal `Thread N`, JSON `os_thread_id`, gdb `LWP N`. */
  tid: number | null;
  /** pthread id in lowercase hex ("0x7fc9c2ffc6c0") when printed (JSON `thread_id`, gdb header). */
  pthreadId?: string;
  /** py-spy: the Python thread name (`threading`); gdb: the OS thread name (often "python3"). */
  name?: string;
  /** py-spy's `active` (OS state R when paused); null when the tool does not say (gdb, core). */
  active: boolean | null;
  /** py-spy `active+gil` / JSON `owns_gil`; gdb cannot tell and says false. */
  ownsGil: boolean;
  /** py-spy `(idle)`; gdb: guessed from a blocking leaf frame, false when waiting for the GIL. */
  idle: boolean;
  frames: PyFrame[];
  /** gdb: the thread is in `take_gil` ("Waiting for the GIL"). */
  waitingForGil?: boolean;
  /** gdb: the thread is in the cyclic garbage collector ("Garbage-collecting"). */
  garbageCollecting?: boolean;
  /** gdb's own thread number (`Thread 5 (…)`). */
  gdbThread?: number;
}

export interface PyProcessDump {
  /** Process id; 0 when the text never said (a paste starting at a thread). */
  pid: number;
  /** Command line as printed after `Process N:`. */
  command?: string;
  /** "3.11.2" */
  pythonVersion?: string;
  /** Interpreter path from `Python v3.11.2 (/usr/bin/python3.11)`. */
  executable?: string;
  /** `--subprocesses` child blocks: `Parent Process N: cmd`. */
  parentPid?: number;
  parentCommand?: string;
  /** Which dump run (0, 1, …) of the stream this came from; `--subprocesses` blocks share a run. */
  run: number;
  /** Where it came from. */
  source: 'text' | 'json' | 'gdb';
  threads: PyThread[];
}

export interface PyDumpModel {
  /** One per process per dump run, oldest run first (capped: see `droppedDumps`). */
  dumps: PyProcessDump[];
  /** Error messages seen ("Permission Denied: …", "Error: Failed to find python version …"). */
  errors: string[];
  /** Non-fatal notes ("Cannot detect GIL holding …", gdb "warning: …"). */
  warnings: string[];
  /** Oldest dumps dropped to stay within MAX_DUMPS. */
  droppedDumps: number;
}

/** Dumps kept by a live parser; periodic dumps beyond this drop the oldest. */
export const MAX_DUMPS = 2000;
/** Error and warning messages kept (each list). */
export const MAX_MESSAGES = 200;

export function emptyDumpModel(): PyDumpModel {
  return { dumps: [], errors: [], warnings: [], droppedDumps: 0 };
}

function copyFrame(f: PyFrame): PyFrame {
  const c: PyFrame = { function: f.function, file: f.file, line: f.line };
  if (f.locals) c.locals = f.locals.map((l) => ({ ...l }));
  if (f.native !== undefined) c.native = f.native;
  if (f.source !== undefined) c.source = f.source;
  if (f.object !== undefined) c.object = f.object;
  return c;
}

/** A deep copy of a dump (for snapshots of a dump that is still being filled). */
export function copyDump(d: PyProcessDump): PyProcessDump {
  return {
    ...d,
    threads: d.threads.map((t) => ({ ...t, frames: t.frames.map(copyFrame) })),
  };
}

/** Appends a dump, dropping the oldest beyond MAX_DUMPS. */
export function addDump(model: PyDumpModel, dump: PyProcessDump): void {
  model.dumps.push(dump);
  if (model.dumps.length > MAX_DUMPS) {
    model.dumps.shift();
    model.droppedDumps++;
  }
}

export function addMessage(list: string[], text: string): void {
  if (list.length < MAX_MESSAGES) list.push(text);
}

/** A snapshot: finished dumps are never changed again, so only the open one is copied. */
export function snapshotModel(model: PyDumpModel, open: PyProcessDump | null): PyDumpModel {
  const dumps = model.dumps.map((d) => (d === open ? copyDump(d) : d));
  return {
    dumps,
    errors: [...model.errors],
    warnings: [...model.warnings],
    droppedDumps: model.droppedDumps,
  };
}
