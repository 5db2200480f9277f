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
import { describeFrame, finding, frameRef, hasFrame, threadName, when } from './ruleKit';

const isLoopThread = (frames: readonly PyFrame[]): boolean =>
  hasFrame(frames, 'run_forever', 'asyncio/base_events.py') ||
  hasFrame(frames, '_run_once', 'asyncio/base_events.py');

/** asyncio's own machinery (a transport reading a ready socket), not the application's code. */
const isAsyncioInternal = (f: PyFrame): boolean => /(?:^|\/)asyncio\/[^/]+\.py$/.test(f.file);

/**
 * The coroutine frame: the first Python frame above the loop's callback runner that is not
 * asyncio's own (a callback that is only asyncio's, `_read_ready`, is the loop doing its I/O).
 */
function coroutineFrame(frames: readonly PyFrame[]): number {
  const run = frames.findIndex((f) => f.function === '_run' && fileIs(f.file, 'asyncio/events.py'));
  for (let i = run - 1; i >= 0; i--) {
    const f = frames[i];
    if (f !== undefined && f.native !== true && !isAsyncioInternal(f)) return i;
  }
  return -1;
}

interface Stall {
  sample: ThreadSample;
  activity: ThreadActivity;
  coroutine: number;
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
  return waiting || activity.kind === 'running' ? { sample: s, activity, coroutine } : null;
}

const frameId = (f: PyFrame | undefined): string =>
  f === undefined ? '' : `${f.function} ${f.file}`;

function loopFinding(facts: ProcessFacts, thread: ThreadFact): Finding | null {
  const dumps = new Set(thread.samples.map((s) => s.dumpOrder)).size;
  const stalls = thread.samples.map(stallOf).filter((x): x is Stall => x !== null);
  const blocking = stalls.filter((x) => x.activity.kind !== 'running');
  // A dump that caught the loop in a known blocking call outweighs one that caught it on the CPU
  // between calls (off the CPU at a plain line may be a GIL wait: that one does not).
  const namedCall = (x: Stall) => x.activity.kind === 'blocked' || x.activity.kind === 'lock-wait';
  const last = blocking.filter(namedCall).at(-1) ?? stalls.at(-1);
  if (last === undefined) return null;
  // Every request of a framework runs under the same outer coroutine (uvicorn's run_asgi): the
  // same stall is the same path from that coroutine down to the leaf.
  const coroutineOf = (x: Stall) =>
    x.sample.thread.frames
      .slice(0, x.coroutine + 1)
      .map(frameId)
      .join('\n');
  const same = stalls.filter((x) => coroutineOf(x) === coroutineOf(last));
  const named = stalls.filter(namedCall);
  // Dumps that found the loop inside a request's code rather than waiting in select.
  const inside = stalls.length;
  const running = named.length === 0 && last.activity.kind === 'running';
  // A loop thread should never wait in a named blocking call (sleep, a sync read): one dump of
  // it is a finding. Without one, the loop must be busy in every dump, three or more: a healthy
  // loop is mostly in select, and catching it in a callback now and then is chance.
  if (named.length === 0 && !(dumps >= 3 && inside === dumps)) return null;
  const mostly = dumps >= 3 && inside >= dumps - 1;
  const coroutine = last.sample.thread.frames[last.coroutine];
  const known = last.activity.kind === 'blocked' || last.activity.kind === 'lock-wait';
  const gilBusy = (facts.pyspyTop?.model.gilPercent ?? 0) >= 80;
  const offCpu = last.activity.kind === 'off-cpu-in-python';
  const where = coroutine === undefined ? 'a coroutine' : describeFrame(coroutine);
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
    severity: same.length >= 2 ? 'critical' : 'warning',
    base: running ? 45 : 50,
    reasons: [
      ...when(inside >= 2, 15, `inside a request's code in ${inside} of ${dumps} dumps`),
      ...when(same.length >= 2, 5, `at the same call in ${same.length} dumps`),
      ...when(mostly, 10, 'three dumps or more'),
      ...when(known, 10, `a known blocking call: ${activityWords(last.activity)}`),
      ...when(
        offCpu && gilBusy,
        -20,
        'the GIL is busy: the loop may be waiting for it rather than for a call',
      ),
      ...when(dumps < 2, -10, 'one dump'),
    ],
    title: running
      ? `The event loop of ${threadName(thread)} runs CPU work in ${where} in every dump: no other request is served meanwhile`
      : `The event loop of ${threadName(thread)} is blocked in ${where}: it ${activityWords(last.activity)}`,
    statement: running
      ? `In all ${dumps} dumps the loop thread is on the CPU inside ${where}, not waiting in select. CPU work in an async def holds the loop; move it to a process pool.`
      : `The loop thread is inside ${where}, a coroutine, and there it ${activityWords(last.activity)} instead of awaiting. A synchronous call in an async def stops the whole event loop: every other request waits. Await an async equivalent, or run it with asyncio.to_thread.`,
    evidence: same
      .flatMap((x) => [frameRef(x.sample, x.coroutine), frameRef(x.sample, 0)])
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
