/**
 * py-spy's frame text `function (file[:line])`, as in `dump` lines and `record --format raw`:
 *
 *     select (selectors.py:468)          _run_code (<frozen runpy>:88)
 *     spin (odd threads 💩.py:9)         pthread_cond_timedwait (libc.so.6)
 *     0x7efc3584f1f5 (libc.so.6)         run (gunicorn/app/base.py)      ← --nolineno
 *
 * Reference: docs/tool-output-formats.md §1.1.1 and §1.1.8. Python identifiers
 * cannot contain " (", so the text splits at the first " ("; file names may hold spaces, `:` and
 * parentheses; the line is a trailing `:digits`. Also the idle heuristic py-spy itself uses when
 * the OS cannot say (`python_spy.rs::_heuristic_is_thread_idle`), extended for gdb's C frames.
 */
import type { PyFrame } from './dumpModel';

/** `s.endsWith(suffix)` at a path boundary: "x/threading.py" and "threading.py" match "threading.py". */
export function fileIs(file: string, suffix: string): boolean {
  if (file === suffix) return true;
  return file.endsWith(suffix) && file.charCodeAt(file.length - suffix.length - 1) === 47;
}

export interface FrameParts {
  function: string;
  file: string;
  /** null when no `:line` was printed. */
  line: number | null;
}

/** `fn (file:12)` → parts; null when the text has no ` (…)` part. */
export function splitFrameText(text: string): FrameParts | null {
  const open = text.indexOf(' (');
  if (open <= 0 || text.charCodeAt(text.length - 1) !== 41 /* ) */) return null;
  const inner = text.slice(open + 2, text.length - 1);
  const fn = text.slice(0, open);
  const colon = inner.lastIndexOf(':');
  if (colon > 0 && colon < inner.length - 1) {
    const line = lineNumber(inner, colon + 1);
    if (line !== null) return { function: fn, file: inner.slice(0, colon), line };
  }
  return { function: fn, file: inner, line: null };
}

/** Canonical decimal (no leading zeros, ≤ 9 digits) from `s[from]` to the end, else null. */
function lineNumber(s: string, from: number): number | null {
  const len = s.length - from;
  if (len > 9 || (len > 1 && s.charCodeAt(from) === 48)) return null;
  let v = 0;
  for (let i = from; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    v = v * 10 + d;
  }
  return v;
}

const PYTHON_FILE = /\.pyw?$|^<[^>]*>$|\.pyx$/;

/** A frame printed by `--native` (library file, or `0x…` address) rather than Python code. */
export function looksNative(parts: FrameParts): boolean {
  if (parts.line !== null) return false;
  if (parts.function.startsWith('0x')) return true;
  return !PYTHON_FILE.test(parts.file);
}

/** Text of a frame, as py-spy prints it. */
export function frameText(f: { function: string; file: string; line: number | null }): string {
  if (f.file === '') return f.line === null ? f.function : `${f.function} (:${f.line})`;
  return f.line === null ? `${f.function} (${f.file})` : `${f.function} (${f.file}:${f.line})`;
}

/** Python leaves that mean "waiting" in py-spy's own heuristic, plus the thread-pool wait. */
function idlePythonLeaf(f: PyFrame): boolean {
  switch (f.function) {
    case 'wait':
      return fileIs(f.file, 'threading.py');
    case 'select':
      return fileIs(f.file, 'selectors.py');
    case 'poll':
      return /(?:^|\/)(?:asyncore|zmq|gevent|tornado)[/.]/.test(f.file);
    case '_worker':
      // An idle pool thread parks in work_queue.get() directly under _worker.
      return fileIs(f.file, 'concurrent/futures/thread.py');
    default:
      return false;
  }
}

const BLOCKING_BUILTIN =
  /^built-in (?:method|function) (?:sleep|select|poll|epoll|acquire|accept|recv|recv_into|recvfrom|readinto|read|get|wait|waitpid|connect|getaddrinfo|lock_acquire|__enter__ of _thread\.R?lock)\b/;

/** gdb prints the leaf's source line: a blocking call there means the thread waits in C. */
const BLOCKING_SOURCE =
  /(?:^|[.\s=(])(?:sleep|select|poll|acquire|wait|recv|recv_into|recvfrom|accept|readinto|join)\(/;

/**
 * Whether a thread is probably blocked rather than running, judged from its leaf frames only
 * (for gdb, which has no OS state). py-spy marks idleness itself; this is for when it cannot.
 */
export function looksIdle(frames: readonly PyFrame[]): boolean {
  const leaf = frames[0];
  if (leaf === undefined) return false;
  if (leaf.native === true) return BLOCKING_BUILTIN.test(leaf.function);
  return idlePythonLeaf(leaf) || (leaf.source !== undefined && BLOCKING_SOURCE.test(leaf.source));
}
