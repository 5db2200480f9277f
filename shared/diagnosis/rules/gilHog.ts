/**
 * One thread holding the GIL at the same line in every dump (seed 001): a long C call that never
 * lets the GIL go (a backtracking regex, a C extension's loop) stops every other Python thread
 * of the process, the event loop or the request workers among them, for as long as it runs. The
 * loop then looks idle in select: it is ready, but cannot get the GIL to run its callbacks.
 * Two dumps a second apart at the same line, GIL held, are rare by chance; three make it likely
 * that the GIL was not let go in between (py-spy cannot prove it; a GIL profile can).
 */
import type { ProcessFacts, ThreadFact, ThreadSample } from '../facts/facts';
import { threadActivity } from '../facts/threadActivity';
import type { Finding } from '../finding';
import {
  describeFrame,
  finding,
  firstPythonFrame,
  frameKey,
  functionKey,
  pythonLeaf,
  samplesByDump,
  frameRef,
  hasFrame,
  threadName,
  when,
} from './ruleKit';

const lineKey = (s: ThreadSample): string | null => {
  const f = pythonLeaf(s.thread.frames);
  return f === undefined ? null : frameKey(f);
};

/**
 * The samples in which the thread holds the GIL at its most frequent line, when that is two dumps
 * or more and all of its dumps but one (a job between rounds, fetching its next batch).
 */
function holdingSamples(t: ThreadFact): ThreadSample[] {
  const dumps = new Set(t.samples.map((s) => s.dumpOrder)).size;
  const byLine = new Map<string, ThreadSample[]>();
  for (const s of t.samples) {
    const key = lineKey(s);
    if (s.thread.ownsGil !== true || key === null) continue;
    const same = byLine.get(key);
    if (same) same.push(s);
    else byLine.set(key, [s]);
  }
  const most = [...byLine.values()].reduce<ThreadSample[]>(
    (a, b) => (b.length > a.length ? b : a),
    [],
  );
  return most.length >= 2 && most.length >= dumps - 1 ? most : [];
}

const codeOf = (s: ThreadSample): string | null => {
  const f = pythonLeaf(s.thread.frames);
  return f === undefined ? null : functionKey(f);
};

/**
 * Two threads or more in the holder's function in one of its dumps: a pool taking turns on the
 * GIL (gil-contention), where the holder at one line twice is chance (seed 000 on a loaded host,
 * whose CPU-starved process switches the GIL rarely), not one thread keeping it from the rest.
 */
function amongPeers(held: readonly ThreadSample[], byDump: readonly ThreadSample[][]): boolean {
  return held.some((s) => {
    const code = codeOf(s);
    const peers = (byDump[s.dumpOrder] ?? []).filter((o) => o !== s && codeOf(o) === code);
    return code !== null && peers.length >= 2;
  });
}

/** Threads that serve requests and need the GIL to do so: an event loop, or request handlers. */
function servesRequests(t: ThreadFact): boolean {
  return t.samples.some(
    (s) =>
      hasFrame(s.thread.frames, 'run_forever', 'asyncio/base_events.py') ||
      s.thread.frames.some((f) => /^handle(?:_request)?$/.test(f.function)),
  );
}

export function gilHog(facts: ProcessFacts): Finding[] {
  const byDump = samplesByDump(facts);
  const hogs = facts.threads
    .map((t) => ({ t, held: holdingSamples(t) }))
    .filter((x) => x.held.length > 0 && !amongPeers(x.held, byDump));
  if (hogs.length !== 1) return [];
  const { t: hog, held } = hogs[0] as { t: ThreadFact; held: ThreadSample[] };
  const starved = facts.threads.filter((t) => t !== hog && servesRequests(t));
  const dumps = new Set(hog.samples.map((s) => s.dumpOrder)).size;
  const holding = held.length;
  const last = held.at(-1) as ThreadSample;
  const frame = firstPythonFrame(last.thread.frames);
  const at = last.thread.frames[frame];
  const where = at === undefined ? 'one line' : describeFrame(at);
  const victims = starved.map(threadName).join(', ');
  // A CPU-bound job alone, or beside idle helpers, harms no one: only threads that need the GIL
  // (request servers, or threads seen waiting for it) make holding it a problem.
  const waiting = facts.threads.some(
    (t) =>
      t !== hog &&
      t.samples.some((s) => {
        const a = threadActivity(s.thread).kind;
        return a === 'gil-wait' || a === 'off-cpu-in-python';
      }),
  );
  if (starved.length === 0 && !waiting) return [];
  const gil = facts.pyspyTop?.model.gilPercent ?? null;
  // top agreeing that the process burns one core: the held GIL is not a moment, it is the load.
  const burnsCore = facts.cpu !== null && facts.cpu.processPercent >= 85;
  return [
    finding(facts, {
      kind: 'gil-hog',
      subject: hog.threadId,
      severity: starved.length > 0 && (holding >= 3 || burnsCore) ? 'critical' : 'warning',
      base: 50,
      reasons: [
        ...when(holding >= 3, 15, `the GIL held at the same line in ${holding} dumps`),
        ...when(holding < dumps, -5, `not in every dump (${holding} of ${dumps})`),
        ...when(starved.length > 0, 15, `it starves ${victims}, which serve requests`),
        ...when(
          burnsCore,
          15,
          `top: the process is at ${Math.round(facts.cpu?.processPercent ?? 0)} % of one core`,
        ),
        ...when(
          gil !== null && gil >= 90,
          10,
          `py-spy top: the GIL is held ${gil ?? 0} % of the time`,
        ),
        ...when(holding < 3, -10, 'two dumps only'),
      ],
      title:
        `${threadName(hog)} holds the GIL at ${where} in ${holding === dumps ? `every one of ${dumps}` : `${holding} of ${dumps}`} dumps` +
        (starved.length > 0 ? `: ${victims} cannot run Python meanwhile` : ''),
      statement:
        `In each dump ${threadName(hog)} is on the CPU with the GIL, at the same line. A call that ` +
        `never releases the GIL (a backtracking regular expression, a long loop in a C extension) ` +
        `stops every other thread of the process until it returns` +
        (starved.length > 0
          ? `; the event loop or request handlers (${victims}) look idle but cannot serve, so requests wait and the server's timeouts fire.`
          : '.') +
        ' Move that work to another process, or make the call release the GIL.',
      evidence: [
        ...held.map((s) => frameRef(s, firstPythonFrame(s.thread.frames))),
        ...starved.flatMap((t) => t.samples.slice(-1).map((s) => frameRef(s, 0))),
      ].slice(0, 12),
      cannotCheck: [
        'whether the GIL was let go between the dumps: py-spy record --gil over a few seconds shows it',
        ...(holding < 3 ? ['a third dump a second later'] : []),
      ],
      nextSteps: [
        {
          label: 'where the GIL goes: a GIL profile',
          capture: { recipe: 'pyspy-record', pid: facts.pid, durationSeconds: 5, gil: true },
        },
      ],
    }),
  ];
}
