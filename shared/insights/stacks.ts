/**
 * Plain-word reading of one Python thread dump (py-spy text/JSON or gdb py-bt) for the stacks
 * view: threads grouped by identical stacks, and findings with their evidence. Heuristics:
 * docs/tool-output-formats.md §4.2 (GIL-bound pool), §4.3 (event loop), §4.7.
 *
 * From seed 000 (py-spy dump of a uvicorn app whose to_thread pool fights for the GIL):
 *   "20 of 21 threads are in concurrent/futures/thread.py _worker (a thread pool)"
 *   "MainThread is idle in select (the event loop waits)"
 */
import type { PyFrame, PyProcessDump, PyThread } from '../parsers/pyspy/dumpModel';
import { fileIs, looksIdle } from '../parsers/pyspy/frameText';
import { frameKey, pythonLeaf } from '../diagnosis/facts/frames';
import { threadActivity } from '../diagnosis/facts/threadActivity';

export interface StackGroup {
  /** Identity of the frame list (function, file, line of every frame). */
  key: string;
  frames: PyFrame[];
  threads: PyThread[];
  /** Every thread of the group is idle. */
  idle: boolean;
  /** A thread of the group holds the GIL. */
  hasGil: boolean;
  /** Every thread of the group waits to acquire a lock (gdb shows the lock, py-spy its acquire). */
  lockWait: boolean;
}

export interface Finding {
  text: string;
  evidence: string[];
}

/** Threads with identical frame lists grouped; biggest group first, idle groups last. */
export function groupThreadsByStack(dump: PyProcessDump): StackGroup[] {
  const byKey = new Map<string, StackGroup>();
  for (const t of dump.threads) {
    const key = t.frames.map(frameKey).join('\u0001');
    let g = byKey.get(key);
    if (g === undefined) {
      g = { key, frames: t.frames, threads: [], idle: true, hasGil: false, lockWait: true };
      byKey.set(key, g);
    }
    g.threads.push(t);
    if (!t.idle) g.idle = false;
    if (t.ownsGil) g.hasGil = true;
    if (threadActivity(t).kind !== 'lock-wait') g.lockWait = false;
  }
  const groups = [...byKey.values()];
  const order = new Map(groups.map((g, i) => [g, i]));
  return groups.sort(
    (a, b) =>
      Number(a.idle) - Number(b.idle) ||
      b.threads.length - a.threads.length ||
      (order.get(a) ?? 0) - (order.get(b) ?? 0),
  );
}

/** Frames that mark a worker thread of a known pool, with the pool's plain name. */
const POOLS: { fn: string; file: string; what: string }[] = [
  { fn: '_worker', file: 'concurrent/futures/thread.py', what: 'a thread pool' },
  { fn: 'run', file: 'anyio/_backends/_asyncio.py', what: "AnyIO's worker threads" },
  { fn: '_worker', file: 'twisted/_threads/_threadworker.py', what: "Twisted's thread pool" },
  { fn: 'worker', file: 'multiprocessing/pool.py', what: 'a multiprocessing thread pool' },
];

/** Short file name for messages: gdb prints full paths, py-spy the part below sys.path. */
function shortFile(file: string): string {
  // The last library dir: a venv's lib/python3.12/site-packages/ holds both.
  const m = /^.*(?:^|\/)(?:site-packages|dist-packages|python3\.\d+t?|lib-python\/\d)\/(.*)$/.exec(
    file,
  );
  if (m?.[1] !== undefined) return m[1];
  // An application file outside the library dirs: its base name, as py-spy would print it.
  return file.startsWith('/') ? file.slice(file.lastIndexOf('/') + 1) : file;
}

export function describeFrame(f: PyFrame): string {
  const file = shortFile(f.file);
  if (file === '') return f.function;
  return f.line === null ? `${f.function} (${file})` : `${f.function} (${file}:${f.line})`;
}

function threadLabel(t: PyThread): string {
  return t.name !== undefined && t.name !== ''
    ? `thread ${t.threadId} "${t.name}"`
    : `thread ${t.threadId}`;
}

/** "thread 10063 "asyncio_0": summarize (app.py:50) ← get_user_state (app.py:40)" */
function threadEvidence(t: PyThread, depth = 2): string {
  const state = t.ownsGil
    ? 'active+gil'
    : t.waitingForGil
      ? 'waiting for the GIL'
      : t.idle
        ? 'idle'
        : t.active
          ? 'active'
          : '';
  const stack = t.frames.slice(0, depth).map(describeFrame).join(' ← ');
  return `${threadLabel(t)}${state ? ` (${state})` : ''}: ${stack || 'no Python frames'}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Up to `max` evidence lines, then "… and N more". */
function someEvidence(threads: readonly PyThread[], max = 4): string[] {
  const lines = threads.slice(0, max).map((t) => threadEvidence(t));
  if (threads.length > max) lines.push(`… and ${threads.length - max} more`);
  return lines;
}

/** What a blocking leaf waits for, in words; null when the leaf is not a known blocking call. */
function waitingFor(f: PyFrame): string | null {
  const fn = f.function;
  if (/^(?:readinto|recv|recv_into|recvfrom|_read_status|read)$/.test(fn)) {
    return 'a network or pipe read';
  }
  if (fn === 'select' || fn === 'poll') return 'I/O readiness';
  if (fn === 'wait' || fn === 'acquire' || fn === '__enter__') return 'a lock or condition';
  if (fn === '_worker') return 'work (an empty pool queue)';
  if (/sleep/.test(fn) || /\bsleep\(/.test(f.source ?? '')) return 'a timer (sleep)';
  return null;
}

/** Running (or runnable) Python code, not parked in a known blocking call. */
function busy(t: PyThread): boolean {
  const leaf = t.frames[0];
  return !t.idle && leaf !== undefined && !looksIdle(t.frames) && waitingFor(leaf) === null;
}

function isMain(t: PyThread, dump: PyProcessDump): boolean {
  return t.name === 'MainThread' || (t.tid !== null && t.tid === dump.pid);
}

const has = (t: PyThread, fn: string, file: string): boolean =>
  t.frames.some((f) => f.function === fn && fileIs(f.file, file));

/** Pool findings; returns whether a busy-pool finding was made. */
function poolFindings(dump: PyProcessDump, out: Finding[]): boolean {
  let busyPool = false;
  const total = dump.threads.length;
  for (const pool of POOLS) {
    const members = dump.threads.filter((t) => has(t, pool.fn, pool.file));
    if (members.length < 2) continue;
    out.push({
      text: `${members.length} of ${total} threads are in ${pool.file} ${pool.fn} (${pool.what})`,
      evidence: someEvidence(members),
    });
    const running = members.filter(busy);
    const waitingGil = members.filter((t) => t.waitingForGil === true);
    if (running.length >= 2) {
      busyPool = true;
      const leaves = new Map<string, number>();
      for (const t of running) {
        const leaf = t.frames[0] ? describeFrame(t.frames[0]) : '?';
        leaves.set(leaf, (leaves.get(leaf) ?? 0) + 1);
      }
      const top = [...leaves].sort((a, b) => b[1] - a[1])[0];
      out.push({
        text:
          `${running.length} pool threads run Python code at once` +
          (top ? ` (most in ${top[0]})` : '') +
          ': they take turns on the GIL, so the pool does not run in parallel',
        evidence: [
          ...someEvidence(running, 3),
          ...(waitingGil.length > 0 ? [`${waitingGil.length} of them wait for the GIL (gdb)`] : []),
        ],
      });
    }
  }
  return busyPool;
}

function gilFindings(dump: PyProcessDump, out: Finding[], busyPool: boolean): void {
  for (const t of dump.threads.filter((x) => x.ownsGil)) {
    out.push({
      text: `thread ${t.threadId}${t.name ? ` "${t.name}"` : ''} holds the GIL`,
      evidence: [threadEvidence(t, 3)],
    });
  }
  const waiting = dump.threads.filter((t) => t.waitingForGil === true);
  if (waiting.length > 0) {
    out.push({
      text: `${plural(waiting.length, 'thread')} ${waiting.length === 1 ? 'is' : 'are'} waiting for the GIL`,
      evidence: someEvidence(waiting),
    });
  }
  const others = dump.threads.filter(
    (t) => t.waitingForGil !== true && t.garbageCollecting !== true && !t.idle,
  );
  const probable = others[0];
  if (waiting.length > 0 && others.length === 1 && probable !== undefined) {
    out.push({
      text: `thread ${probable.threadId} probably holds the GIL (the only busy thread not waiting for it)`,
      evidence: [threadEvidence(probable, 3)],
    });
  }
  const active = dump.threads.filter((t) => t.active === true);
  if (active.length >= 2 && !busyPool) {
    const holder = dump.threads.some((t) => t.ownsGil);
    out.push({
      text:
        `${active.length} threads are active but only one at a time can run Python code` +
        (holder ? '' : ' (none held the GIL at the moment of the dump)'),
      evidence: someEvidence(active, 3),
    });
  }
}

/** The asyncio loop thread (§4.3): idle in select is healthy; busy elsewhere blocks the loop. */
function loopFindings(dump: PyProcessDump, out: Finding[]): void {
  for (const t of dump.threads) {
    const loop =
      has(t, 'run_forever', 'asyncio/base_events.py') || has(t, 'run', 'uvicorn/server.py');
    if (!loop) continue;
    const leaf = t.frames[0];
    if (leaf === undefined) continue;
    const who = isMain(t, dump) ? 'MainThread' : threadLabel(t);
    if (leaf.function === 'select' && fileIs(leaf.file, 'selectors.py')) {
      out.push({
        text: `${who} is idle in select (the event loop waits)`,
        evidence: [threadEvidence(t, 3)],
      });
    } else if (leaf.function === 'run' && fileIs(leaf.file, 'asyncio/runners.py')) {
      out.push({
        text: `${who} is in the event loop's C code (uvloop), probably waiting`,
        evidence: [threadEvidence(t, 3)],
      });
    } else if (!t.idle || t.ownsGil || !looksIdle(t.frames)) {
      out.push({
        text: `${who} runs the event loop but is in ${describeFrame(leaf)}, not in select: while it is there, no other request is served`,
        evidence: [threadEvidence(t, 4)],
      });
    }
  }
}

/** A group of threads that are not running, in words: what they wait for, or where. */
function waitingGroupText(g: StackGroup): string | null {
  const first = g.threads[0];
  const leaf = g.frames[0];
  if (first === undefined || leaf === undefined) return null;
  const n = g.threads.length;
  const activity = threadActivity(first);
  const python = pythonLeaf(g.frames) ?? leaf;
  if (g.lockWait) {
    const addresses = new Set(g.threads.map((t) => t.frames.find((f) => f.object)?.object));
    const only = addresses.size === 1 ? [...addresses][0] : undefined;
    return `${n} threads wait on ${only === undefined ? 'a lock' : `one lock (${only})`} at ${describeFrame(python)}`;
  }
  // Python code at the top of the stack is running or runnable, never idle (py-spy says "idle"
  // when the OS does not run it: the GIL, or a C call made on that line that py-spy cannot show).
  if (activity.kind === 'off-cpu-in-python') {
    const what =
      n >= 3
        ? 'a lock taken there, the GIL, or another C call made on that line'
        : 'waiting for the GIL, or in a C call made on that line';
    return `${n} threads are off the CPU in ${describeFrame(leaf)}, a line of Python code: ${what} (py-spy does not show which)`;
  }
  return `${n} threads are idle in ${describeFrame(leaf)}, waiting for ${waitingFor(leaf) ?? 'a blocking call'}`;
}

/** The biggest idle groups, in words ("3 threads are idle in readinto (socket.py:706) …"). */
function idleFindings(dump: PyProcessDump, out: Finding[]): void {
  const groups = groupThreadsByStack(dump).filter((g) => g.idle && g.threads.length >= 2);
  for (const g of groups.slice(0, 3)) {
    const text = waitingGroupText(g);
    if (text !== null) out.push({ text, evidence: someEvidence(g.threads, 3) });
  }
  const gc = dump.threads.filter((t) => t.garbageCollecting === true);
  if (gc.length > 0) {
    out.push({
      text: `${plural(gc.length, 'thread')} in the garbage collector`,
      evidence: someEvidence(gc),
    });
  }
}

/** Findings about one dump, most telling first. */
export function summarizeDump(dump: PyProcessDump): Finding[] {
  const out: Finding[] = [];
  if (dump.threads.length === 0) {
    return [{ text: 'the dump has no threads', evidence: [`process ${dump.pid}`] }];
  }
  const busyPool = poolFindings(dump, out);
  gilFindings(dump, out, busyPool);
  loopFindings(dump, out);
  idleFindings(dump, out);
  return out;
}
