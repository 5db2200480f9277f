/**
 * Threads waiting on one lock. gdb proves it: every waiter shows `<built-in method __enter__ of
 * _thread.lock object at remote 0x…>` with the same address. py-spy shows a lock's Python-level
 * acquire (threading.py), the lock's address in `--locals`, or only the same line in several
 * off-CPU threads (then a candidate: a lock or another C call made on that line). CPython's Lock
 * records no owner, so the holder is always a candidate: a thread inside the same function past
 * the waiters' line, or holding the same lock in its locals. Thresholds: docs/diagnosis.md.
 */
import type { PyFrame } from '../../parsers/pyspy/dumpModel';
import type { ProcessFacts, ThreadSample } from '../facts/facts';
import { threadActivity } from '../facts/threadActivity';
import type { Finding, Severity } from '../finding';
import {
  describeFrame,
  finding,
  firstPythonFrame,
  frameKey,
  functionKey,
  frameRef,
  plural,
  pythonLeaf,
  samplesByDump,
  threadName,
  threadRef,
  when,
} from './ruleKit';

type Proof = 'address' | 'locals' | 'acquire' | 'line';

interface Waiters {
  key: string;
  proof: Proof;
  lock: string | null;
  /** The Python frame the waiters wait at (index in each sample's frames). */
  at: { sample: ThreadSample; frame: number }[];
  dumps: Set<number>;
  holders: ThreadSample[];
}

const LOCK_VALUE = /^<_thread\.(?:R?lock|RLock) at (0x[0-9a-f]+)>$/;

function lockInLocals(f: PyFrame | undefined): string | null {
  const addrs = new Set(
    (f?.locals ?? [])
      .map((l) => LOCK_VALUE.exec(l.value)?.[1])
      .filter((a): a is string => a !== undefined),
  );
  return addrs.size === 1 ? ([...addrs][0] ?? null) : null;
}

/** What a thread waits on, as a group key, or null. */
function waitOf(
  s: ThreadSample,
): { key: string; proof: Proof; lock: string | null; frame: number } | null {
  const a = threadActivity(s.thread);
  const py = firstPythonFrame(s.thread.frames);
  const frame = s.thread.frames[py];
  if (frame === undefined) return null;
  if (a.kind === 'lock-wait') {
    if (a.lock !== null)
      return { key: `lock ${a.lock}`, proof: 'address', lock: a.lock, frame: py };
    // threading.py's acquire/__enter__: the caller's line names the lock's use.
    const caller = a.frame === py && py + 1 < s.thread.frames.length ? py + 1 : py;
    const at = s.thread.frames[caller] ?? frame;
    return { key: `line ${frameKey(at)}`, proof: 'acquire', lock: null, frame: caller };
  }
  if (a.kind !== 'off-cpu-in-python') return null;
  const inLocals = lockInLocals(frame);
  if (inLocals !== null)
    return { key: `lock ${inLocals}`, proof: 'locals', lock: inLocals, frame: py };
  return { key: `line ${frameKey(frame)}`, proof: 'line', lock: null, frame: py };
}

function candidateHolders(w: Waiters, dump: readonly ThreadSample[]): ThreadSample[] {
  const waiting = new Set(w.at.map((x) => x.sample));
  const first = w.at[0];
  const place = first?.sample.thread.frames[first.frame];
  if (place === undefined) return [];
  return dump.filter((s) => {
    if (waiting.has(s)) return false;
    if (w.lock !== null && s.thread.frames.some((f) => lockInLocals(f) === w.lock)) return true;
    // Inside the same function past the waiters' line: the `with` block's body.
    return s.thread.frames.some(
      (f) => f.function === place.function && f.file === place.file && f.line !== place.line,
    );
  });
}

const MIN_WAITERS: Record<Proof, number> = { address: 2, locals: 2, acquire: 2, line: 3 };
/** What each kind of proof adds to a base of 30. */
const PROOF: Record<Proof, { delta: number; why: string }> = {
  address: { delta: 45, why: 'gdb prints the same lock address in every waiter' },
  locals: { delta: 35, why: 'py-spy --locals shows the same lock in every waiter' },
  acquire: { delta: 30, why: "every waiter is in threading's acquire" },
  line: {
    delta: -5,
    why: 'py-spy cannot show the C call made on that line: a lock, a socket read or a sleep',
  },
};

function severityOf(w: Waiters, waiters: number, threads: number): Severity {
  if (w.proof === 'line') return 'info';
  if (waiters >= 5 && waiters / Math.max(1, threads) >= 0.3) return 'critical';
  return 'warning';
}

export function lockWait(facts: ProcessFacts): Finding[] {
  const byDump = samplesByDump(facts);
  const groups = new Map<string, Waiters>();
  byDump.forEach((dump, order) => {
    const inDump = new Map<string, Waiters>();
    for (const s of dump) {
      const wait = waitOf(s);
      if (wait === null) continue;
      const g = inDump.get(wait.key) ?? {
        key: wait.key,
        proof: wait.proof,
        lock: wait.lock,
        at: [],
        dumps: new Set([order]),
        holders: [],
      };
      g.at.push({ sample: s, frame: wait.frame });
      inDump.set(wait.key, g);
    }
    for (const g of inDump.values()) {
      if (g.at.length < MIN_WAITERS[g.proof]) continue;
      g.holders = candidateHolders(g, dump);
      const seen = groups.get(g.key);
      // Keep the latest dump's waiters; count the dumps that showed the group.
      if (seen !== undefined) for (const d of seen.dumps) g.dumps.add(d);
      groups.set(g.key, g);
    }
  });
  // A function some thread runs on the CPU is Python code being run: the threads off the CPU
  // in it most likely wait for the GIL, not for a lock (seed 000's pool at summarize).
  const runningCode = new Set(
    byDump.flat().flatMap((s) => {
      const f = pythonLeaf(s.thread.frames);
      return f !== undefined && threadActivity(s.thread).kind === 'running' ? [functionKey(f)] : [];
    }),
  );
  const threads = Math.max(0, ...byDump.map((d) => d.length));
  const supported = [...groups.values()].filter((g) => {
    const first = g.at[0];
    const place = first?.sample.thread.frames[first.frame];
    return g.proof !== 'line' || place === undefined || !runningCode.has(functionKey(place));
  });
  return supported.map((g) => {
    const first = g.at[0];
    const place = first === undefined ? undefined : first.sample.thread.frames[first.frame];
    const where = place === undefined ? 'one place' : describeFrame(place);
    const lockWords =
      g.lock !== null ? `one lock (${g.lock})` : g.proof === 'acquire' ? 'one lock' : 'one line';
    const holder = g.holders[0];
    const holderWords =
      holder === undefined
        ? 'No thread in the dump is inside that code, so the holder is not visible (it may be C code, or a thread py-spy does not show).'
        : `Candidate holder: ${threadName(holder.thread)}, ${g.lock !== null && holder.thread.frames.some((f) => lockInLocals(f) === g.lock) ? 'which has the same lock in its locals' : `inside the same function at ${describeFrame(pythonLeaf(holder.thread.frames) ?? place ?? { function: '?', file: '', line: null })}`}. CPython's Lock records no owner, so this is a candidate, not a proof.`;
    return finding(facts, {
      kind: 'lock-wait',
      subject: g.key,
      severity: severityOf(g, g.at.length, threads),
      base: 30,
      reasons: [
        PROOF[g.proof],
        ...when(
          g.dumps.size >= 2,
          g.proof === 'line' ? 20 : 10,
          `waiting there in ${g.dumps.size} dumps`,
        ),
        ...when(g.at.length >= 4, 5, `${g.at.length} waiters`),
        ...when(holder !== undefined, 5, 'a candidate holder is visible'),
        ...when(
          g.proof === 'line',
          0,
          'py-spy cannot show the C call made on that line: a lock, or a socket read, or a sleep',
        ),
      ],
      title:
        g.proof === 'line'
          ? `${plural(g.at.length, 'thread')} are off the CPU at the same line ${where}: a lock or another blocking C call`
          : `${plural(g.at.length, 'thread')} wait on ${lockWords} at ${where}`,
      statement:
        (g.proof === 'line'
          ? `${plural(g.at.length, 'thread')} sit at ${where}, off the CPU. Several threads stopped at one line usually queue on a lock taken there (\`with lock:\`), but py-spy does not show C calls, so it may be another blocking call. `
          : `${plural(g.at.length, 'thread')} wait to acquire ${lockWords} at ${where}: they run one at a time through the code it guards. `) +
        holderWords,
      evidence: [
        ...g.at.slice(0, 10).map((x) => frameRef(x.sample, x.frame)),
        ...g.holders.slice(0, 2).map(threadRef),
      ],
      cannotCheck: [
        ...(g.proof === 'line' || g.proof === 'acquire'
          ? ['which lock (its address): gdb py-bt prints it']
          : []),
        'who holds the lock for certain: CPython locks keep no owner',
        ...(g.dumps.size < 2
          ? ['whether they stay there: needs a second dump a few seconds later']
          : []),
      ],
      nextSteps: [
        ...(g.proof === 'line' || g.proof === 'acquire'
          ? [
              {
                label: 'lock addresses (gdb py-bt)',
                capture: { recipe: 'gdb-pybt' as const, pid: facts.pid },
              },
            ]
          : []),
        ...(holder !== undefined && holder.thread.tid !== null
          ? [
              {
                label: "the candidate holder's stack",
                capture: { recipe: 'pyspy-dump' as const, pid: facts.pid, locals: true },
                focusTid: holder.thread.tid,
              },
            ]
          : []),
      ],
    });
  });
}
