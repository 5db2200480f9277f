/**
 * What one thread was doing at the instant of one dump, read from its leaf frames and the tool's
 * own state marks. The rule that matters most: a pure-Python frame at the top of a stack is
 * Python code running (or runnable, waiting for the GIL), never "idle".
 *
 * py-spy marks a thread `idle` when the OS says it is not running; at a pure-Python leaf that
 * means it waits for the GIL, or sits in a C call made on that line (a `with lock:`, a socket
 * `recv`) that py-spy does not show. gdb prints C calls as `<built-in method … at remote 0x…>`
 * and "Waiting for the GIL"; it has no OS state. Grammar: docs/tool-output-formats.md §1.1, §1.8.
 */
import type { PyFrame, PyThread } from '../../parsers/pyspy/dumpModel';
import { fileIs } from '../../parsers/pyspy/frameText';
import { pythonLeaf } from './frames';

export type ThreadActivity =
  /** py-spy saw it on a CPU (`active`), or gdb saw pure Python at the top. */
  | { kind: 'running'; holdsGil: boolean }
  /** gdb "Waiting for the GIL". */
  | { kind: 'gil-wait' }
  /** py-spy: off the CPU at a line of Python code: the GIL, or a C call py-spy cannot show. */
  | { kind: 'off-cpu-in-python' }
  /** At a lock's acquire / `__enter__`; `lock` is its address when the tool printed it. */
  | { kind: 'lock-wait'; lock: string | null; frame: number }
  /** In a known blocking call. */
  | { kind: 'blocked'; call: string; waitsFor: string; frame: number }
  /** A pool worker waiting for work, an event loop waiting for events. */
  | { kind: 'pool-idle' }
  | { kind: 'loop-idle' }
  | { kind: 'garbage-collecting' }
  | { kind: 'no-frames' };

const LOCK_BUILTIN =
  /^built-in method (?:__enter__|acquire|acquire_lock) of _thread\.(?:R?lock|RLock) object$/;
/** py-spy --native / gdb symbols of CPython's lock wait. */
const LOCK_NATIVE =
  /^(?:PyThread_acquire_lock_timed|acquire_timed|lock_PyThread_acquire_lock|rlock_acquire|_PyMutex_LockTimed|PyMutex_Lock)$/;

/** Leaf calls that block, with what they wait for. */
const BLOCKING_CALLS: readonly [RegExp, string][] = [
  [/^(?:sleep)$/, 'a timer (sleep)'],
  [
    /^(?:recv|recv_into|recvfrom|readinto|read|_read_status|readline|makefile)$/,
    'a network or pipe read',
  ],
  [/^(?:send|sendall|sendto|write|flush)$/, 'a network or pipe write'],
  [/^(?:connect|create_connection|getaddrinfo|gethostbyname)$/, 'a connection (connect or DNS)'],
  [/^(?:accept)$/, 'an incoming connection'],
  [/^(?:select|poll|epoll|kqueue)$/, 'I/O readiness'],
  [/^(?:wait|waitpid|communicate|join)$/, 'another thread or process'],
];

/** What a call off the CPU outside the standard library's I/O modules is taken to wait for. */
const WAITS_WHEN_OFF_CPU = new Set([
  'a timer (sleep)',
  'a network or pipe read',
  'a connection (connect or DNS)',
]);

const BUILTIN_NAME = /^built-in (?:method|function) (\w+)/;
const SOURCE_CALL =
  /(?:^|[.\s=(])(sleep|recv|recv_into|recvfrom|readinto|accept|connect|select|poll|wait|join|acquire)\(/;

function blockingCall(name: string): string | null {
  for (const [re, what] of BLOCKING_CALLS) if (re.test(name)) return what;
  return null;
}

function isPoolIdle(leaf: PyFrame, frames: readonly PyFrame[]): boolean {
  if (leaf.function === '_worker' && fileIs(leaf.file, 'concurrent/futures/thread.py')) return true;
  // queue.get → threading wait under a pool's worker loop: waiting for work.
  const inGet = frames.slice(0, 3).some((f) => f.function === 'get' && fileIs(f.file, 'queue.py'));
  return inGet && frames.some((f) => /^_?worker$/.test(f.function));
}

function isLoopIdle(leaf: PyFrame): boolean {
  if (leaf.function === 'select' && fileIs(leaf.file, 'selectors.py')) return true;
  // uvloop runs its loop in C: py-spy shows asyncio.run's frame as the leaf.
  return leaf.function === 'run' && fileIs(leaf.file, 'asyncio/runners.py');
}

/** The first native frame that tells what the thread waits in (gdb prints them above Python). */
function nativeActivity(frames: readonly PyFrame[]): ThreadActivity | null {
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i];
    if (f === undefined || f.native !== true) return null;
    if (LOCK_BUILTIN.test(f.function) || LOCK_NATIVE.test(f.function)) {
      return { kind: 'lock-wait', lock: f.object ?? null, frame: i };
    }
    const name = BUILTIN_NAME.exec(f.function)?.[1] ?? f.function;
    const what = blockingCall(name);
    if (what !== null) return { kind: 'blocked', call: name, waitsFor: what, frame: i };
  }
  return null;
}

/** `offCpu`: py-spy saw the thread idle, so a leaf named like a blocking call is one. */
function pythonLeafActivity(leaf: PyFrame, offCpu: boolean): ThreadActivity | null {
  if (
    (leaf.function === 'acquire' || leaf.function === '__enter__') &&
    fileIs(leaf.file, 'threading.py')
  ) {
    return { kind: 'lock-wait', lock: null, frame: 0 };
  }
  if (leaf.function === 'wait' && fileIs(leaf.file, 'threading.py')) {
    return { kind: 'blocked', call: 'wait', waitsFor: 'a condition or event', frame: 0 };
  }
  const what = blockingCall(leaf.function);
  // In the standard library's I/O modules the name is enough; elsewhere (httpcore's sync
  // backend `read`, a driver's `recv`) only when py-spy also saw the thread off the CPU, and only
  // for what waits on the other side (a write to a socket an event loop owns returns at once).
  if (
    what !== null &&
    ((offCpu && WAITS_WHEN_OFF_CPU.has(what)) ||
      /(?:^|\/)(?:socket|ssl|selectors|subprocess|http\/client)\.py$/.test(leaf.file))
  ) {
    return { kind: 'blocked', call: leaf.function, waitsFor: what, frame: 0 };
  }
  // gdb prints the leaf's source line: `with CACHE_LOCK:` or `time.sleep(2)`.
  const call = leaf.source !== undefined ? SOURCE_CALL.exec(leaf.source)?.[1] : undefined;
  if (call === 'acquire') return { kind: 'lock-wait', lock: null, frame: 0 };
  if (call !== undefined) {
    return { kind: 'blocked', call, waitsFor: blockingCall(call) ?? 'a blocking call', frame: 0 };
  }
  return null;
}

export function threadActivity(t: PyThread): ThreadActivity {
  if (t.waitingForGil === true) return { kind: 'gil-wait' };
  if (t.garbageCollecting === true) return { kind: 'garbage-collecting' };
  const leaf = t.frames[0];
  if (leaf === undefined) return { kind: 'no-frames' };
  const native = nativeActivity(t.frames);
  if (native !== null) return native;
  const pyLeaf = pythonLeaf(t.frames);
  if (pyLeaf === undefined)
    return t.active === true ? { kind: 'running', holdsGil: t.ownsGil } : { kind: 'no-frames' };
  if (isPoolIdle(pyLeaf, t.frames)) return { kind: 'pool-idle' };
  if (isLoopIdle(pyLeaf)) return { kind: 'loop-idle' };
  const python = pythonLeafActivity(pyLeaf, t.active === false && t.idle);
  if (python !== null)
    return python.kind === 'lock-wait' || t.active !== true
      ? python
      : { kind: 'running', holdsGil: t.ownsGil };
  // Pure Python at the top: running, unless py-spy saw it off the CPU.
  if (t.active === false && t.idle) return { kind: 'off-cpu-in-python' };
  return { kind: 'running', holdsGil: t.ownsGil };
}

/** Words for an activity: "waits on a lock", "runs Python code". */
export function activityWords(a: ThreadActivity): string {
  switch (a.kind) {
    case 'running':
      return a.holdsGil ? 'runs Python code and holds the GIL' : 'runs Python code';
    case 'gil-wait':
      return 'waits for the GIL';
    case 'off-cpu-in-python':
      return 'is off the CPU at a line of Python code (waiting for the GIL, or in a C call made on that line)';
    case 'lock-wait':
      return a.lock === null ? 'waits on a lock' : `waits on the lock at ${a.lock}`;
    case 'blocked':
      return `waits in ${a.call} for ${a.waitsFor}`;
    case 'pool-idle':
      return 'waits for work (an idle pool worker)';
    case 'loop-idle':
      return 'waits for events (an idle event loop)';
    case 'garbage-collecting':
      return 'runs the garbage collector';
    case 'no-frames':
      return 'has no Python frames';
  }
}
