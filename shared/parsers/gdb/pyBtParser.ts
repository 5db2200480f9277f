/**
 * Incremental parser for gdb's CPython helpers, `gdb -p PID -batch -ex 'thread apply all py-bt'`
 * (and `py-bt-full`), the fallback when py-spy cannot be installed. Reference:
 * docs/tool-output-formats.md §1.8 (CPython Tools/gdb/libpython.py).
 *
 *   Thread 4 (Thread 0x7fc9c37fd6c0 (LWP 11751) "python3"):
 *   Traceback (most recent call first):
 *     Waiting for the GIL
 *     <built-in method run of _contextvars.Context object at remote 0x7fa0be757600>
 *     File "/srv/lab/gil.py", line 5, in work
 *       sum(range(1000))
 *   Thread 2 (Thread 0x7fb6a01466c0 (LWP 11827) "python3"):
 *   Unable to locate python frame
 *   #8 Frame 0x7fa0bc594350, for file /srv/app.py, line 50, in summarize (positions=[…])  ← py-bt-full
 *   [Inferior 1 (process 11747) detached]
 *
 * Maps to PyDumpModel (source 'gdb'): LWP = `tid`, the pthread id = `pthreadId`/`threadId`,
 * "Waiting for the GIL" → `waitingForGil`, "Garbage-collecting" → `garbageCollecting`, C calls
 * (`<built-in …>`) → native frames. gdb cannot tell activity: `active` is null, `ownsGil` false,
 * `idle` is guessed from a blocking leaf. gdb prints the newest thread first; the model lists
 * threads by gdb thread number (oldest first). One dump per gdb run; a run ends at
 * `[Inferior N (process PID) detached]`, which also gives the pid. Never throws.
 */
import {
  addDump,
  addMessage,
  emptyDumpModel,
  snapshotModel,
  type PyDumpModel,
  type PyFrame,
  type PyProcessDump,
  type PyThread,
} from '../pyspy/dumpModel';
import { looksIdle } from '../pyspy/frameText';
import { LineStreamParser } from '../lineStreamParser';
import { parseUnsigned } from '../top/topValues';

const THREAD = /^Thread (\d+) \((.*)\):$/;
const FILE_FRAME = /^File "(.*)", line (\d+), in (.*)$/;
const FULL_FRAME = /^#\d+ Frame 0x[0-9a-f]+, for file (.*?), line (\d+), in (\S+)(?: \(.*)?$/;
const BUILTIN = /^(?:#\d+ )?<(built-in .*?)(?: at remote (0x[0-9a-f]+))?>$/;
const INFERIOR = /^\[Inferior \d+ \(process (\d+)\) detached\]$/;
const CHATTER = [
  /^\[New LWP \d+\]$/,
  /^\[New Thread 0x[0-9a-f]+ \(LWP \d+\)\]$/,
  /^\[Thread debugging using libthread_db enabled\]$/,
  /^Using host libthread_db library /,
  /^Reading symbols from /,
  /^Attaching to (?:program|process) /,
  /^(?:0x[0-9a-f]+ in )?\S+ \(.*\) at \S+:\d+$/, // gdb's "current frame" line
  /^(?:0x[0-9a-f]+ in )?\S+ \(.*\) from \S+$/,
  /^\d+\s.*(?:No such file or directory\.|\S)$/, // its source line, or "48 ../x.c: No such file…"
  /^Traceback \(most recent call first\):$/,
  /^Unable to locate python frame$/,
  /^Download failed: /,
];
const RUN_START = /^(?:\[New LWP |\[Thread debugging using|Attaching to )/;
const ERRORS =
  /^(?:ptrace: |Could not attach to process|Undefined command: |Python Exception |Error occurred in Python|No symbol table is loaded|Can't attach |Don't know how to attach|No such process|Cannot access memory at address )/;

function addThreadInfo(thread: PyThread, inner: string): void {
  const lwp = /\bLWP (\d+)\)?/.exec(inner) ?? /^process (\d+)/.exec(inner);
  if (lwp !== null) {
    thread.tid = parseUnsigned(lwp[1] ?? '');
    if (thread.tid !== null) thread.threadId = String(thread.tid);
  }
  const pthread = /^Thread (0x[0-9a-fA-F]+)/.exec(inner);
  if (pthread !== null) thread.pthreadId = (pthread[1] ?? '').toLowerCase();
  const name = /\) "(.*)"$/.exec(inner);
  if (name !== null) thread.name = name[1] ?? '';
}

export class GdbPyBtParser extends LineStreamParser<PyDumpModel> {
  private readonly model = emptyDumpModel();
  private dump: PyProcessDump | null = null;
  private thread: PyThread | null = null;
  private frame: PyFrame | null = null;
  private runs = 0;
  private unparsed = 0;

  protected override streamEnded(): void {
    this.finishThread();
  }

  snapshot(): PyDumpModel {
    const snap = snapshotModel(this.model, this.dump);
    const open = snap.dumps[snap.dumps.length - 1];
    if (this.dump !== null && open !== undefined) {
      for (const t of open.threads) finishIdle(t);
      sortThreads(open);
    }
    return snap;
  }

  protected takeLine(l: string): void {
    this.line(l);
  }

  protected takeOverlong(): void {
    this.unparsed++;
  }

  get unparsedLines(): number {
    return this.unparsed;
  }

  /** A line whose handling hit a bug: not understood. */
  protected override lineFailed(): void {
    this.unparsed++;
  }

  private line(raw: string): void {
    const t = raw.trimEnd();
    const body = t.trimStart();
    if (body === '') return;
    const indent = t.length - body.length;
    if (this.thread !== null && this.threadLine(body, indent)) return;
    let m = THREAD.exec(body);
    if (m !== null) {
      this.startThread(Number(m[1]), m[2] ?? '');
      return;
    }
    if ((m = INFERIOR.exec(body)) !== null) {
      const dump = this.openDump();
      dump.pid = Number(m[1]);
      this.finishDump();
      return;
    }
    if (ERRORS.test(body)) {
      addMessage(this.model.errors, body);
      return;
    }
    if (body.startsWith('warning: ')) {
      addMessage(this.model.warnings, body);
      return;
    }
    if (CHATTER.some((re) => re.test(body))) {
      // A new attach after threads without a detach line: the previous run was cut short.
      if (RUN_START.test(body) && this.dump !== null && this.dump.threads.length > 0) {
        this.finishDump();
      }
      return;
    }
    this.unparsed++;
  }

  /** Lines inside a thread's traceback. */
  private threadLine(body: string, indent: number): boolean {
    const thread = this.thread as PyThread;
    if (indent >= 4 && this.frame !== null && this.frame.source === undefined) {
      this.frame.source = body;
      return true;
    }
    let m = FILE_FRAME.exec(body) ?? FULL_FRAME.exec(body);
    if (m !== null) {
      const [, file = '', line = '', fn = ''] = m;
      this.frame = { function: fn, file, line: parseUnsigned(line) };
      thread.frames.push(this.frame);
      return true;
    }
    this.frame = null;
    if ((m = BUILTIN.exec(body)) !== null) {
      const frame: PyFrame = { function: m[1] ?? '', file: '', line: null, native: true };
      // The bound object's address: one lock waited on by several threads shows one address.
      if (m[2] !== undefined) frame.object = m[2];
      thread.frames.push(frame);
      return true;
    }
    const status = body.replace(/^#\d+ /, '');
    if (status === 'Waiting for the GIL') thread.waitingForGil = true;
    else if (status === 'Garbage-collecting') thread.garbageCollecting = true;
    else if (
      status === '(unable to read python frame information)' ||
      status === '(frame information optimized out)'
    ) {
      thread.frames.push({ function: '?', file: '', line: null });
    } else return false;
    return true;
  }

  private openDump(): PyProcessDump {
    if (this.dump === null) {
      this.dump = { pid: 0, run: this.runs++, source: 'gdb', threads: [] };
      addDump(this.model, this.dump);
    }
    return this.dump;
  }

  private startThread(num: number, inner: string): void {
    this.finishThread();
    const dump = this.openDump();
    const thread: PyThread = {
      threadId: String(num),
      tid: null,
      active: null,
      ownsGil: false,
      idle: false,
      frames: [],
      gdbThread: num,
    };
    addThreadInfo(thread, inner);
    // gdb's thread 1 is the main thread, whose LWP is the pid (until the detach line says).
    if (num === 1 && dump.pid === 0 && thread.tid !== null) dump.pid = thread.tid;
    dump.threads.push(thread);
    this.thread = thread;
  }

  private finishThread(): void {
    if (this.thread !== null) finishIdle(this.thread);
    this.thread = null;
    this.frame = null;
  }

  private finishDump(): void {
    this.finishThread();
    if (this.dump !== null) sortThreads(this.dump);
    this.dump = null;
  }
}

function sortThreads(d: PyProcessDump): void {
  d.threads.sort((a, b) => (a.gdbThread ?? 0) - (b.gdbThread ?? 0));
}

function finishIdle(t: PyThread): void {
  t.idle = t.waitingForGil !== true && t.garbageCollecting !== true && looksIdle(t.frames);
}

/** Parses a whole capture at once. */
export function parseGdbPyBt(text: string): { model: PyDumpModel; unparsedLines: number } {
  const parser = new GdbPyBtParser();
  parser.push(text);
  parser.end();
  return { model: parser.snapshot(), unparsedLines: parser.unparsedLines };
}
