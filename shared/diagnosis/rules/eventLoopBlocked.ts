/**
 * An asyncio event loop blocked by a synchronous call inside a coroutine (seeds 001, 002): the
 * loop thread is inside a callback (`_run` in asyncio/events.py) and, above the coroutine's
 * frame, in a blocking call (time.sleep, a socket read, requests, a lock) or off the CPU. While
 * it is there no other request is served. The same coroutine line in several dumps proves it.
 */
import { fileIs } from '../../parsers/pyspy/frameText';
import type { PyFrame } from '../../parsers/pyspy/dumpModel';
import type { ProcessFacts, ThreadFact, ThreadSample } from '../facts/facts';
import { activityWords, threadActivity, type ThreadActivity } from '../facts/threadActivity';
import type { Finding } from '../finding';
import { describeFrame, finding, frameRef, hasFrame, isAppFile, threadName, when } from './ruleKit';

const isLoopThread = (frames: readonly PyFrame[]): boolean =>
  hasFrame(frames, 'run_forever', 'asyncio/base_events.py') ||
  hasFrame(frames, '_run_once', 'asyncio/base_events.py');

const isAsyncioFile = (file: string): boolean => /(^|\/)asyncio\/[^/]+\.py$/.test(file);
/** The loop's own machinery: asyncio, and the selectors module it registers sockets with. */
const isLoopMachinery = (file: string): boolean =>
  isAsyncioFile(file) || /(^|\/)selectors\.py$/.test(file);

/** The standard library's wrappers of a socket, which asyncio calls on its non-blocking ones. */
const isSocketWrapper = (file: string): boolean => /(^|\/)(socket|ssl)\.py$/.test(file);

/**
 * The coroutine frame: the Python frame just above the loop's callback runner. None when the
 * callback is asyncio's own (the self-pipe read `_read_from_self` after a thread's result, a
 * transport's `_read_ready`, `_accept_connection` in socket.py's accept): the loop's housekeeping
 * on non-blocking sockets, where off the CPU means waiting for the GIL, not for the socket.
 */
function coroutineFrame(frames: readonly PyFrame[]): number {
  const run = frames.findIndex((f) => f.function === '_run' && fileIs(f.file, 'asyncio/events.py'));
  const callback = frames.slice(0, Math.max(0, run)).filter((f) => f.native !== true);
  // Called by asyncio (its frame outermost), not handed to the loop by the application.
  const byAsyncio = callback.length === 0 || isAsyncioFile(callback.at(-1)?.file ?? '');
  if (byAsyncio && callback.every((f) => isAsyncioFile(f.file) || isSocketWrapper(f.file)))
    return -1;
  for (let i = run - 1; i >= 0; i--) if (frames[i]?.native !== true) return i;
  return -1;
}

/** The application's frames of the callback (leaf first): indexes, innermost first. */
function appFrames(frames: readonly PyFrame[], coroutine: number): number[] {
  const found: number[] = [];
  for (let i = 0; i <= coroutine; i++) {
    const f = frames[i];
    if (f !== undefined && f.native !== true && isAppFile(f.file)) found.push(i);
  }
  return found;
}

interface Stall {
  sample: ThreadSample;
  activity: ThreadActivity;
  /** The frame the finding names: the app's innermost frame, else the outer coroutine. */
  subject: number;
  /**
   * What stays the same across dumps: the app's outermost frame (its endpoint, which calls its
   * helpers), else the outer coroutine.
   */
  entry: number;
  /** Whether both are the app's frames (decided by their paths). */
  inApp: boolean;
}

function stallOf(s: ThreadSample): Stall | null {
  const frames = s.thread.frames;
  if (!isLoopThread(frames)) return null;
  const coroutine = coroutineFrame(frames);
  if (coroutine < 0) return null;
  const activity = threadActivity(s.thread);
  const waiting =
    activity.kind === 'blocked' ||
    activity.kind === 'lock-wait' ||
    activity.kind === 'off-cpu-in-python';
  // On the CPU in a callback is the loop working; that is a finding only when it never leaves it.
  if (!waiting && activity.kind !== 'running') return null;
  // Off the CPU at a line of the loop's own machinery (a transport's write, current_task, a
  // selector's unregister): it never blocks there, so the loop was preempted or waited for the
  // GIL (the healthy control under load; seed 000's loop while its pool holds the GIL).
  const leaf = frames.find((f) => f.native !== true);
  if (activity.kind === 'off-cpu-in-python' && leaf !== undefined && isLoopMachinery(leaf.file))
    return null;
  const app = appFrames(frames, coroutine);
  const [innermost, outermost] = [app[0], app.at(-1)];
  return innermost !== undefined && outermost !== undefined
    ? { sample: s, activity, subject: innermost, entry: outermost, inApp: true }
    : { sample: s, activity, subject: coroutine, entry: coroutine, inApp: false };
}

const frameId = (f: PyFrame | undefined): string =>
  f === undefined ? '' : `${f.function} ${f.file}`;

const isKnownBlock = (x: Stall): boolean =>
  x.activity.kind === 'blocked' || x.activity.kind === 'lock-wait';

/** "search (app.py:40) calling get (httpx/_client.py:1045)": the app's frame and its library call. */
function whereWords(x: Stall): string {
  const frames = x.sample.thread.frames;
  const subject = frames[x.subject];
  if (subject === undefined) return 'a coroutine';
  const call = x.inApp && x.subject > 0 ? frames[x.subject - 1] : undefined;
  return call !== undefined && call.native !== true && !isAppFile(call.file)
    ? `${describeFrame(subject)} calling ${describeFrame(call)}`
    : describeFrame(subject);
}

/** Held in one app function across dumps (its line may differ): where, how often blocked. */
const heldWords = (fn: PyFrame, dumps: number, blocked: number): string =>
  `In all ${dumps} dumps the loop thread is inside ${describeFrame({ ...fn, line: null })}, never ` +
  `back in select: in a blocking call in ${blocked} of them, on the CPU or at another line in ` +
  `the others. `;

function loopFinding(facts: ProcessFacts, thread: ThreadFact): Finding | null {
  const dumps = new Set(thread.samples.map((s) => s.dumpOrder)).size;
  const stalls = thread.samples.map(stallOf).filter((x): x is Stall => x !== null);
  const blocking = stalls.filter((x) => x.activity.kind !== 'running');
  const coroutineOf = (x: Stall) => frameId(x.sample.thread.frames[x.entry]);
  const leafOf = (x: Stall) => x.sample.thread.frames.find((f) => f.native !== true);
  // CPU work: on the CPU in every one of three dumps or more, in the same coroutine and function
  // (a busy server's loop is on the CPU in its one outer coroutine, run_asgi, for every request).
  // In the same application function, named by its path, any callee will do: seed 002 builds a
  // new client, then hashes, inside search, and a dump catches whichever.
  const cpuKey = (x: Stall) =>
    x.inApp ? coroutineOf(x) : `${coroutineOf(x)}\u0000${frameId(leafOf(x))}`;
  const lastStall = stalls.at(-1);
  const everyDump = dumps >= 2 && stalls.length === dumps;
  const running =
    lastStall !== undefined &&
    dumps >= 3 &&
    everyDump &&
    stalls.every((x) => x.activity.kind === 'running' && cpuKey(x) === cpuKey(lastStall));
  // Held: inside the same application function in every dump, in a blocking call at least once
  // (seed 002: in its sync read, or on the CPU building a sync client). The loop never gets back
  // to select. Only with the app's frame named by its path: a server's outer coroutine is the same
  // for every request.
  const lastBlock = blocking.filter(isKnownBlock).at(-1);
  const held =
    !running &&
    lastBlock !== undefined &&
    everyDump &&
    stalls.every((x) => x.inApp && coroutineOf(x) === coroutineOf(lastBlock));
  // Else the last wait: the loop on the CPU in the last dump does not undo one seen before it.
  const last = running ? lastStall : held ? lastBlock : blocking.at(-1);
  if (last === undefined) return null;
  // Waits are the same only at one line: a busy server's loop, short of CPU, is inside its one
  // outer coroutine (run_asgi) in every dump, off the CPU at whatever line it was preempted.
  const lineOf = (x: Stall) => `${frameId(leafOf(x))}:${leafOf(x)?.line ?? ''}`;
  const stallKey = (x: Stall) =>
    running || held ? coroutineOf(x) : `${coroutineOf(x)}\u0000${lineOf(x)}`;
  const same = stalls.filter((x) => stallKey(x) === stallKey(last));
  const known = isKnownBlock(last);
  // Off the CPU at a Python line in one dump of several, elsewhere the next: a short wait (the
  // GIL, a quick C call) the loop got past, as in any busy healthy server; not a blocked loop.
  const passing = !running && !known && dumps >= 2 && same.length < 2;
  const gilBusy = (facts.pyspyTop?.model.gilPercent ?? 0) >= 80;
  const offCpu = last.activity.kind === 'off-cpu-in-python';
  const entryFrame = last.sample.thread.frames[last.entry];
  const subjectAt = (x: Stall) => {
    const f = x.sample.thread.frames[x.subject];
    return `${frameId(f)}:${f?.line ?? ''}`;
  };
  // CPU work caught at different places in one app function: that function, without a line.
  const where =
    running && last.inApp && entryFrame && !same.every((x) => subjectAt(x) === subjectAt(last))
      ? describeFrame({ ...entryFrame, line: null })
      : whereWords(last);
  const blockedIn = same.filter(isKnownBlock).length;
  const cannotCheck: string[] = [];
  if (dumps < 2)
    cannotCheck.push('whether it stays there: needs a second dump a few seconds later');
  if (offCpu)
    cannotCheck.push(
      'which C call blocks (py-spy does not show it): gdb py-bt or py-spy dump --native shows it',
    );
  return finding(facts, {
    kind: 'event-loop-blocked',
    subject: `${thread.tid ?? thread.threadId}`,
    severity: passing ? 'info' : same.length >= 2 ? 'critical' : 'warning',
    base: running ? 45 : 50,
    reasons: [
      ...when(same.length >= 2, 15, `the same coroutine in ${same.length} of ${dumps} dumps`),
      ...when(same.length >= 3, 10, 'three dumps or more'),
      ...when(known, 10, `a known blocking call: ${activityWords(last.activity)}`),
      ...when(
        offCpu && gilBusy,
        -20,
        'the GIL is busy: the loop may be waiting for it rather than for a call',
      ),
      ...when(dumps < 2, -10, 'one dump'),
      ...when(passing, -20, `there in 1 of ${dumps} dumps only: the loop moved on`),
    ],
    title: running
      ? `The event loop of ${threadName(thread)} runs CPU work in ${where} in every dump: no other request is served meanwhile`
      : passing
        ? `The event loop of ${threadName(thread)} was off the CPU once in ${where} (1 of ${dumps} dumps), then moved on`
        : `The event loop of ${threadName(thread)} is blocked in ${where}: it ${activityWords(last.activity)}`,
    statement: running
      ? `In all ${dumps} dumps the loop thread is on the CPU inside ${where}, not waiting in select. CPU work in an async def holds the loop; move it to a process pool.`
      : passing
        ? `In one dump of ${dumps} the loop thread is inside ${where} and ${activityWords(last.activity)}; in the others it is not there. A short wait the loop got past (the GIL, a quick C call), not a blocked loop: the same line in several dumps would be.`
        : `${held && entryFrame ? `${heldWords(entryFrame, dumps, blockedIn)}At ${where} it` : `The loop thread is inside ${where}, and there it`} ${activityWords(last.activity)} instead of awaiting. A synchronous call in an async def stops the whole event loop: every other request waits. Await an async equivalent, or run it with asyncio.to_thread.`,
    evidence: same
      .flatMap((x) =>
        x.subject === 0
          ? [frameRef(x.sample, 0)]
          : [frameRef(x.sample, x.subject), frameRef(x.sample, 0)],
      )
      .slice(0, 12),
    cannotCheck,
    nextSteps: [
      ...(dumps < 3
        ? [
            {
              label: 'three dumps a second apart',
              capture: { recipe: 'pyspy-dump' as const, pid: facts.pid },
              repeat: { times: 3, everySeconds: 1 },
              ...(thread.tid !== null ? { focusTid: thread.tid } : {}),
            },
          ]
        : []),
      ...(offCpu
        ? [
            {
              label: 'the C call (gdb py-bt)',
              capture: { recipe: 'gdb-pybt' as const, pid: facts.pid },
            },
          ]
        : []),
    ],
  });
}

export function eventLoopBlocked(facts: ProcessFacts): Finding[] {
  return facts.threads.map((t) => loopFinding(facts, t)).filter((f): f is Finding => f !== null);
}
