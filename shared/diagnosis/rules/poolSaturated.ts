/**
 * A thread pool saturated: every worker of one pool is busy or blocked in the same call, in every
 * dump. New work queues behind them (asyncio.to_thread, run_in_executor, a requests pool). A pool
 * whose workers are in different calls is working, not saturated; one dump can be chance, so the
 * confidence grows with the dumps (TDA's "same in three dumps taken seconds apart").
 */
import type { ProcessFacts, ThreadSample } from '../facts/facts';
import { activityWords, threadActivity } from '../facts/threadActivity';
import type { Finding } from '../finding';
import { poolName } from './pools';
import {
  describeFrame,
  finding,
  firstPythonFrame,
  frameKey,
  pythonLeaf,
  frameRef,
  plural,
  samplesByDump,
  when,
} from './ruleKit';

/** Where a worker is: its first Python frame (function, file, line). */
function callKey(s: ThreadSample): string | null {
  const f = pythonLeaf(s.thread.frames);
  return f === undefined ? null : frameKey(f);
}

export function poolSaturated(facts: ProcessFacts): Finding[] {
  const byDump = samplesByDump(facts);
  const dumps = byDump.length;
  if (dumps === 0) return [];
  // Pools as the latest dump shows them.
  const pools = new Map<string, Set<string>>();
  for (const s of byDump[dumps - 1] ?? []) {
    const name = poolName(s.pythonName, s.thread.frames);
    if (name === null) continue;
    const members = pools.get(name) ?? new Set<string>();
    members.add(String(s.thread.tid ?? s.thread.threadId));
    pools.set(name, members);
  }
  const out: Finding[] = [];
  for (const [name, members] of pools) {
    if (members.size < 2) continue;
    const perDump = byDump.map((samples) =>
      samples.filter((s) => members.has(String(s.thread.tid ?? s.thread.threadId))),
    );
    const keys = new Set<string | null>();
    let saturated = true;
    for (const samples of perDump) {
      if (samples.length !== members.size) saturated = false;
      for (const s of samples) {
        if (threadActivity(s.thread).kind === 'pool-idle') saturated = false;
        keys.add(callKey(s));
      }
    }
    if (!saturated || keys.size !== 1 || keys.has(null)) continue;
    const last = perDump[dumps - 1]?.[0];
    if (last === undefined) continue;
    const frame = pythonLeaf(last.thread.frames);
    const doing = activityWords(threadActivity(last.thread));
    const blocked = ['blocked', 'lock-wait', 'off-cpu-in-python'].includes(
      threadActivity(last.thread).kind,
    );
    out.push(
      finding(facts, {
        kind: 'pool-saturated',
        subject: name,
        severity: dumps >= 2 ? 'critical' : 'warning',
        base: 40,
        reasons: [
          ...when(dumps >= 2, 20, `the same call in all ${dumps} dumps`),
          ...when(dumps >= 3, 10, 'three dumps or more'),
          ...when(members.size >= 4, 5, `${members.size} workers, all in it`),
          ...when(dumps < 2, -10, 'one dump: it could be chance'),
        ],
        title: `Thread pool "${name}" is saturated: all ${plural(members.size, 'worker')} are in ${frame === undefined ? 'one call' : describeFrame(frame)} in ${dumps === 1 ? 'the dump' : `every one of ${dumps} dumps`}`,
        statement:
          `Every worker of the pool ${blocked ? 'waits' : 'works'} in the same place (it ${doing}), so work handed to the pool queues behind them` +
          `${blocked ? ': the call they wait on is the bottleneck (a slow upstream, a call without a timeout)' : ''}. ` +
          `A bigger pool only hides it; a timeout on the call, or fixing what it waits for, does not.`,
        evidence: perDump
          .flatMap((samples) =>
            samples
              .slice(0, 4)
              .map((s) => frameRef(s, Math.max(0, firstPythonFrame(s.thread.frames)))),
          )
          .slice(0, 12),
        cannotCheck: [
          "the pool's max_workers: whether it can still start threads",
          ...(dumps < 2
            ? ['whether they stay there: needs a second dump a few seconds later']
            : []),
        ],
        nextSteps:
          dumps < 3
            ? [
                {
                  label: 'three dumps a second apart',
                  capture: { recipe: 'pyspy-dump', pid: facts.pid },
                  repeat: { times: 3, everySeconds: 1 },
                },
              ]
            : [
                {
                  label: 'what the call waits for (strace)',
                  capture: { recipe: 'strace-summary', pid: facts.pid, seconds: 5 },
                },
              ],
      }),
    );
  }
  return out;
}
