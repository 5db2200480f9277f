/**
 * Incremental parser for `py-spy dump --json` (serde `to_string_pretty(Vec<StackTrace>)`), one
 * array per run, several runs back to back in periodic captures. Reference:
 * docs/tool-output-formats.md §1.1.5.
 *
 *   [
 *     { "pid": 10029, "thread_id": 140327243474624, "thread_name": "asyncio_19",
 *       "os_thread_id": 10105, "active": false, "owns_gil": false,
 *       "frames": [{ "name": "summarize", "filename": "/…/app.py", "short_filename": "app.py",
 *                    "line": 50, "locals": null, … }], "process_info": null }, …
 *   ]
 *
 * Top-level values are found by bracket depth (string-aware), so any chunking gives the same
 * result. Text between values (py-spy's stderr, e.g. "Error: Failed to find python version…")
 * is read line by line like the text parser's messages. Threads come newest first in JSON; the
 * model lists them oldest first like the text dump. Invalid JSON and traces that do not have the
 * expected shape are counted in `unparsedLines`, never thrown.
 */
import {
  addDump,
  emptyDumpModel,
  snapshotModel,
  type PyDumpModel,
  type PyFrame,
  type PyLocal,
  type PyProcessDump,
  type PyThread,
} from './dumpModel';
import { looksNative } from './frameText';
import { PySpyMessages } from './pyspyMessages';
import { cleanLine } from '../lineSplitter';
import type { StreamParser } from '../streamParser';

/** A JSON value larger than this is skipped and counted (a dump of 4096 threads is ~40 MB). */
export const MAX_JSON_VALUE = 64 * 1024 * 1024;

export class PyDumpJsonParser implements StreamParser<PyDumpModel> {
  private readonly model = emptyDumpModel();
  private readonly messages = new PySpyMessages(this.model.errors, this.model.warnings);
  private runs = 0;
  private unparsed = 0;
  /** Text mode: the current line outside any JSON value. */
  private line = '';
  private inValue = false;
  private parts: string[] = [];
  private size = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private tooBig = false;

  push(text: string): void {
    if (typeof text !== 'string') return;
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (!this.inValue) {
        const c = text.charCodeAt(i);
        if ((c === 91 || c === 123) && this.line.trim() === '') {
          this.line = '';
          this.inValue = true;
          this.depth = 0;
          continue;
        }
        if (c === 10) this.textLine();
        else if (this.line.length < 65536) this.line += text[i];
        i++;
        continue;
      }
      const start = i;
      for (; i < n && this.inValue; i++) this.scan(text.charCodeAt(i));
      this.append(text.slice(start, i));
      if (!this.inValue) this.finishValue();
    }
  }

  end(): void {
    if (this.inValue) {
      // A value cut off by the end of the stream.
      this.unparsed++;
      this.resetValue();
    }
    if (this.line !== '') this.textLine();
    this.messages.flush();
  }

  snapshot(): PyDumpModel {
    const snap = snapshotModel(this.model, null);
    const pending = this.messages.pending;
    if (pending !== null) snap.errors.push(pending);
    return snap;
  }

  get unparsedLines(): number {
    return this.unparsed;
  }

  private scan(c: number): void {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (c === 92) this.escaped = true;
      else if (c === 34) this.inString = false;
    } else if (c === 34) this.inString = true;
    else if (c === 91 || c === 123) this.depth++;
    else if (c === 93 || c === 125) {
      this.depth--;
      if (this.depth <= 0) this.inValue = false;
    }
  }

  private append(s: string): void {
    if (this.tooBig) return;
    this.size += s.length;
    if (this.size > MAX_JSON_VALUE) {
      this.tooBig = true;
      this.parts = [];
    } else this.parts.push(s);
  }

  private resetValue(): void {
    this.inValue = false;
    this.parts = [];
    this.size = 0;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.tooBig = false;
  }

  private finishValue(): void {
    const text = this.parts.join('');
    const tooBig = this.tooBig;
    this.resetValue();
    if (tooBig) {
      this.unparsed++;
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.unparsed++;
      return;
    }
    if (!Array.isArray(value)) {
      this.unparsed++;
      return;
    }
    this.addRun(value);
  }

  private textLine(): void {
    const t = cleanLine(this.line).trimEnd();
    this.line = '';
    const body = t.trimStart();
    if (body !== '' && !this.messages.line(body, t.length - body.length)) this.unparsed++;
  }

  private addRun(traces: unknown[]): void {
    const byPid = new Map<number, PyProcessDump>();
    // JSON lists the newest thread first; the model (like the text dump) lists it last.
    for (let i = traces.length - 1; i >= 0; i--) {
      const parsed = parseTrace(traces[i]);
      if (parsed === null) {
        this.unparsed++;
        continue;
      }
      let dump = byPid.get(parsed.pid);
      if (dump === undefined) {
        dump = { pid: parsed.pid, run: this.runs, source: 'json', threads: [] };
        byPid.set(parsed.pid, dump);
      }
      dump.threads.push(parsed.thread);
    }
    if (byPid.size === 0 && traces.length > 0) return;
    for (const dump of byPid.values()) addDump(this.model, dump);
    this.runs++;
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isUint = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function parseTrace(v: unknown): { pid: number; thread: PyThread } | null {
  if (!isObj(v) || !isUint(v.pid) || !Array.isArray(v.frames)) return null;
  const osTid = v.os_thread_id;
  if (osTid !== null && osTid !== undefined && !isUint(osTid)) return null;
  const threadId = v.thread_id;
  if (typeof threadId !== 'number' || !Number.isFinite(threadId) || threadId < 0) return null;
  const active = v.active;
  const frames: PyFrame[] = [];
  for (const f of v.frames) {
    const frame = parseFrame(f);
    if (frame === null) return null;
    frames.push(frame);
  }
  const pthread = `0x${threadId.toString(16)}`;
  const tid = isUint(osTid) ? osTid : null;
  const thread: PyThread = {
    threadId: tid !== null ? String(tid) : pthread.toUpperCase().replace('0X', '0x'),
    tid,
    pthreadId: pthread,
    active: typeof active === 'boolean' ? active : null,
    ownsGil: v.owns_gil === true,
    idle: active === false,
    frames,
  };
  if (typeof v.thread_name === 'string') thread.name = v.thread_name;
  return { pid: v.pid, thread };
}

function parseFrame(f: unknown): PyFrame | null {
  if (!isObj(f) || typeof f.name !== 'string') return null;
  const file =
    typeof f.short_filename === 'string'
      ? f.short_filename
      : typeof f.filename === 'string'
        ? f.filename
        : '';
  const line = isUint(f.line) && f.line > 0 ? f.line : null;
  const frame: PyFrame = { function: f.name, file, line };
  if (looksNative({ function: f.name, file, line })) frame.native = true;
  if (Array.isArray(f.locals) && f.locals.length > 0) {
    const locals: PyLocal[] = [];
    for (const l of f.locals) {
      if (!isObj(l) || typeof l.name !== 'string') return null;
      const local: PyLocal = { name: l.name, value: typeof l.repr === 'string' ? l.repr : '?' };
      if (l.arg === true) local.arg = true;
      locals.push(local);
    }
    frame.locals = locals;
  }
  return frame;
}

/** Parses a whole capture at once. */
export function parsePySpyDumpJson(text: string): { model: PyDumpModel; unparsedLines: number } {
  const parser = new PyDumpJsonParser();
  parser.push(text);
  parser.end();
  return { model: parser.snapshot(), unparsedLines: parser.unparsedLines };
}
