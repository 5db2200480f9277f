/**
 * Incremental parser for `py-spy dump` text (v0.4.x), including `--locals`/`-ll`, `--native`,
 * `--subprocesses`, repeated dumps in one stream (`while true; do py-spy dump -p PID; sleep 5; done`)
 * and py-spy's error messages. Grammar: docs/tool-output-formats.md §1.1.1–§1.1.6.
 *
 *   Process 11747: /usr/bin/python3 /srv/lab/gil.py
 *   Python v3.11.2 (/usr/bin/python3.11)
 *   (blank)
 *   Thread 11749 (active+gil): "worker-0"
 *       work (gil.py:5)
 *           Arguments:
 *               self: <Thread at 0x7fc9c4dd3f90>
 *   (NL + dashes)                                          ← next --subprocesses block, same run
 *   Process 10169: …  /  Python v…  /  Parent Process 10114: …
 *
 * A `Process` line not preceded by the dashed separator starts a new run. Colours (a TTY) and
 * `\r\n` are stripped; trailing spaces (pastes) are ignored. `Error: …` blocks (with anyhow's
 * `Caused by:` list and `Stack backtrace:`) become one entry of `errors`. Never throws.
 */
import {
  addDump,
  emptyDumpModel,
  snapshotModel,
  type PyDumpModel,
  type PyFrame,
  type PyProcessDump,
  type PyThread,
} from './dumpModel';
import { looksNative, splitFrameText } from './frameText';
import { PySpyMessages } from './pyspyMessages';
import { needsCleaning } from '../lineSplitter';
import { LineStreamParser } from '../lineStreamParser';
import { TextTable } from '../textTable';
import { parseUnsigned } from '../top/topValues';

const PROCESS = /^Process (\d+): ?(.*)$/;
const PARENT = /^Parent Process (\d+): ?(.*)$/;
const PYTHON = /^Python v(\S+)(?: \((.*)\))?$/;
// The id may be missing: a hand-edited paste (`Thread (idle): "MainThread"`) keeps its frames.
const THREAD =
  /^Thread(?: (\d+|0[xX][0-9a-fA-F]+))?(?: \((idle|active|active\+gil|gil)\))?(?:: "(.*)")?$/;
const SEPARATOR = /^-{20,}$/;
const SIGNAL = /^Signal \d+: /;
// THREAD's id and statuses, for its lines read in place (rawThreadLine).
const THREAD_ID = /^(?:\d+|0[xX][0-9a-fA-F]+)$/;
const isThreadStatus = (s: string): boolean =>
  s === 'idle' || s === 'active' || s === 'active+gil' || s === 'gil';
/** A thread name that needs no cleaning and that THREAD's `.` matches whole. */
// eslint-disable-next-line no-control-regex -- control characters are what it rules out
const PRINTABLE_NAME = /^[^\x00-\x1f\x7f-\x9f\u2028\u2029]*$/;
/** pyspyMessages' WARNINGS matches this anywhere in a line: such a line goes the long way. */
const SAMPLING_WARNING = ' behind in sampling';
/** Lines of a frame's locals are indented at least this much (py-spy: 12; frames: 4). */
const LOCALS_INDENT = 6;
/** Thread lines remembered for reading in place: threads × statuses, bounded against garbage. */
const MAX_THREAD_LINES = 4096;

/** A thread line's parts, as rawThreadLine read them. */
interface ThreadHead {
  id: string;
  status: string;
  name: string;
}

/** An ASCII character that is neither a space nor a control: trimming and cleaning keep it. */
const isVisibleAscii = (c: number): boolean => c > 32 && c < 127;
const isSectionHeader = (body: string): boolean => body === 'Arguments:' || body === 'Locals:';

export class PyDumpTextParser extends LineStreamParser<PyDumpModel> {
  private readonly model = emptyDumpModel();
  private dump: PyProcessDump | null = null;
  private thread: PyThread | null = null;
  private frame: PyFrame | null = null;
  /** Locals section of the current frame: 0 none, 1 "Arguments:", 2 "Locals:". */
  private section = 0;
  private afterSeparator = false;
  private runs = 0;
  private readonly messages = new PySpyMessages(this.model.errors, this.model.warnings);
  private unparsed = 0;
  /** Frame texts read before (cleaned, trimmed) → index in `known`: read again in place. */
  private readonly frameTexts = new TextTable();
  private readonly known: PyFrame[] = [];
  /** `frame` is a `known` entry, shared by every line that read the same text. */
  private frameShared = false;
  /** Thread lines read before → index in `threadHeads`: periodic dumps repeat them. */
  private readonly threadTexts = new TextTable();
  private readonly threadHeads: ThreadHead[] = [];

  protected override streamEnded(): void {
    this.messages.flush();
  }

  snapshot(): PyDumpModel {
    const snap = snapshotModel(this.model, this.dump);
    const pending = this.messages.pending;
    if (pending !== null) snap.errors.push(pending);
    return snap;
  }

  protected takeLine(l: string): void {
    this.line(l);
  }

  /**
   * The common lines, read in place: a frame of the open thread (`    fn (file:12)`) whose text
   * (after the indent, up to a closing `)`) is one read before through takeLine, which then means
   * the same here, as nothing else that decides it (the thread, no locals or message open) differs;
   * a thread line (rawThreadLine) and a line of locals (rawLocal) that need no cleaning.
   */
  protected override takeRawLine(s: string, start: number, end: number): boolean {
    if (this.messages.open) return false;
    if (s.charCodeAt(start) === 84 /* T */) return this.rawThreadLine(s, start, end);
    if (this.thread === null) return false;
    let at = start;
    while (at < end && s.charCodeAt(at) === 32) at++;
    if (at === start) return false;
    // After a frame's locals (indented 6 or more) a frame line (indented less) ends them.
    if (this.section !== 0 && at - start >= LOCALS_INDENT) return this.rawLocal(s, at, end);
    if (s.charCodeAt(end - 1) !== 41 /* ) */) return false;
    const k = this.known[this.frameTexts.find(s, at, end)];
    if (k === undefined) return false;
    this.thread.frames.push(k);
    this.frame = k;
    this.frameShared = true;
    this.section = 0;
    return true;
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
    if (this.messages.line(body, indent)) return;
    if (indent > 0 && this.thread !== null) {
      if (this.indentedLine(body, indent)) return;
    }
    const c = body.charCodeAt(0);
    if (c === 84 /* T */ && this.threadLine(body)) return;
    if (c === 80 /* P */ && this.processLine(body)) return;
    if (SEPARATOR.test(body)) {
      this.afterSeparator = true;
      this.endThread();
      return;
    }
    if (SIGNAL.test(body)) return; // `dump --core`: "Signal 11: core.1234"
    this.unparsed++;
  }

  private indentedLine(body: string, indent: number): boolean {
    if (isSectionHeader(body)) {
      if (this.frame === null || this.thread === null) return false;
      this.ownFrame(this.thread, this.frame);
      this.section = body === 'Arguments:' ? 1 : 2;
      return true;
    }
    // Locals sit deeper (12) than frames (4); pastes may have lost some indentation.
    if (
      this.section !== 0 &&
      indent >= LOCALS_INDENT &&
      this.local(body, 0, body.length, body.indexOf(': '))
    ) {
      return true;
    }
    const parts = splitFrameText(body);
    if (parts === null || this.thread === null) return false;
    const frame: PyFrame = { function: parts.function, file: parts.file, line: parts.line };
    if (looksNative(parts)) frame.native = true;
    if (body.charCodeAt(body.length - 1) === 41 && this.frameTexts.find(body, 0, body.length) < 0) {
      this.frameTexts.add(body, this.known.length);
      this.known.push({ ...frame });
    }
    this.thread.frames.push(frame);
    this.frame = frame;
    this.frameShared = false;
    this.section = 0;
    return true;
  }

  /**
   * `name: value` (or `name:`) of the open frame's locals in `s[a, b)`, already trimmed, whose
   * first `: ` is at `colon` (-1: none); false when it is not one (no name, or one with a space).
   */
  private local(s: string, a: number, b: number, colon: number): boolean {
    if (this.frame === null) return false;
    const nameEnd = colon > a ? colon : s.charCodeAt(b - 1) === 58 /* : */ ? b - 1 : a;
    if (nameEnd === a) return false;
    const name = s.slice(a, nameEnd);
    if (name.includes(' ')) return false;
    const value = colon > a ? s.slice(colon + 2, b) : '';
    const local = this.section === 1 ? { name, value, arg: true } : { name, value };
    (this.frame.locals ??= []).push(local);
    return true;
  }

  /**
   * A line of locals read in place when trimming and cleaning would not change it: it starts and
   * ends with a visible ASCII character and holds no control. The section headers go the long way.
   */
  private rawLocal(s: string, a: number, b: number): boolean {
    if (!isVisibleAscii(s.charCodeAt(a)) || !isVisibleAscii(s.charCodeAt(b - 1))) return false;
    let colon = -1;
    for (let i = a; i < b - 1; i++) {
      const c = s.charCodeAt(i);
      if (needsCleaning(c)) return false;
      if (c === 58 /* : */ && colon < 0 && s.charCodeAt(i + 1) === 32) colon = i;
    }
    if (colon < 0 && b - a <= 10 && isSectionHeader(s.slice(a, b))) return false;
    return this.local(s, a, b, colon);
  }

  /** Before locals are added to a shared known frame: the thread's last frame becomes a copy. */
  private ownFrame(thread: PyThread, frame: PyFrame): void {
    if (!this.frameShared) return;
    const copy: PyFrame = { ...frame };
    const last = thread.frames.length - 1;
    if (thread.frames[last] === frame) thread.frames[last] = copy;
    this.frame = copy;
    this.frameShared = false;
  }

  /**
   * py-spy's own thread line, `Thread 11749 (active+gil): "worker-0"`, read in place when it is
   * exactly that form and needs no cleaning: a decimal or 0x id, a known status, a name of
   * printable characters (not one that would read as a sampling warning). Anything else: false.
   */
  private rawThreadLine(s: string, start: number, end: number): boolean {
    const head = this.threadHeads[this.threadTexts.find(s, start, end)];
    if (head !== undefined) {
      this.openThread(head.id, head.status, head.name);
      return true;
    }
    if (end - start < 16 || !s.startsWith('Thread ', start) || s.charCodeAt(end - 1) !== 34) {
      return false;
    }
    const idEnd = s.indexOf(' (', start + 7);
    if (idEnd < 0 || idEnd >= end) return false;
    const statusEnd = s.indexOf('): "', idEnd + 2);
    if (statusEnd < 0 || statusEnd + 4 >= end) return false;
    const id = s.slice(start + 7, idEnd);
    if (!THREAD_ID.test(id)) return false;
    const status = s.slice(idEnd + 2, statusEnd);
    if (!isThreadStatus(status)) return false;
    const name = s.slice(statusEnd + 4, end - 1);
    if (!PRINTABLE_NAME.test(name) || name.includes(SAMPLING_WARNING)) return false;
    if (this.threadHeads.length < MAX_THREAD_LINES) {
      this.threadTexts.add(s.slice(start, end), this.threadHeads.length);
      this.threadHeads.push({ id, status, name });
    }
    this.openThread(id, status, name);
    return true;
  }

  private threadLine(body: string): boolean {
    const m = THREAD.exec(body);
    if (m === null) return false;
    const [, id = '', status, name] = m;
    if (id === '' && status === undefined && name === undefined) return false; // a bare "Thread"
    this.openThread(id, status, name);
    return true;
  }

  private openThread(id: string, status: string | undefined, name: string | undefined): void {
    this.endThread();
    const dump = this.dump ?? this.startDump(0, undefined);
    const tid = parseUnsigned(id);
    const thread: PyThread = {
      threadId: id === '' ? '?' : id,
      tid,
      active: status === undefined || status === 'gil' ? null : status !== 'idle',
      ownsGil: status === 'active+gil' || status === 'gil',
      idle: status === 'idle',
      frames: [],
    };
    if (tid === null && id !== '') thread.pthreadId = id.toLowerCase();
    if (name !== undefined) thread.name = name;
    dump.threads.push(thread);
    this.thread = thread;
  }

  private processLine(body: string): boolean {
    let m = PROCESS.exec(body);
    if (m !== null) {
      const pid = parseUnsigned(m[1] ?? '');
      if (pid === null) return false;
      this.startDump(pid, m[2]);
      return true;
    }
    m = PARENT.exec(body);
    if (m !== null && this.dump !== null && this.dump.threads.length === 0) {
      const ppid = parseUnsigned(m[1] ?? '');
      if (ppid === null) return false;
      this.dump.parentPid = ppid;
      this.dump.parentCommand = m[2] ?? '';
      return true;
    }
    m = PYTHON.exec(body);
    if (m !== null && this.dump !== null && this.dump.threads.length === 0) {
      this.dump.pythonVersion = m[1] ?? '';
      if (m[2] !== undefined) this.dump.executable = m[2];
      return true;
    }
    return false;
  }

  private startDump(pid: number, command: string | undefined): PyProcessDump {
    this.endThread();
    const sameRun = this.afterSeparator && this.dump !== null;
    if (!sameRun && this.model.dumps.length > 0) this.runs++;
    const dump: PyProcessDump = { pid, run: this.runs, source: 'text', threads: [] };
    if (command !== undefined) dump.command = command;
    addDump(this.model, dump);
    this.dump = dump;
    this.afterSeparator = false;
    return dump;
  }

  private endThread(): void {
    this.thread = null;
    this.frame = null;
    this.section = 0;
  }
}

/** Parses a whole capture at once. */
export function parsePySpyDumpText(text: string): { model: PyDumpModel; unparsedLines: number } {
  const parser = new PyDumpTextParser();
  parser.push(text);
  parser.end();
  return { model: parser.snapshot(), unparsedLines: parser.unparsedLines };
}
