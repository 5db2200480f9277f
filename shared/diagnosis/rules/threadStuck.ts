/**
 * A thread stuck: the same stack (every frame, every line) in three dumps or more, as TDA flags
 * stacks identical across three dumps taken seconds apart. Threads parked where waiting is their
 * job (a pool worker waiting for work, an event loop in select, a condition wait) are left out;
 * threads with the same stuck stack are one finding (spotify's analyser groups identical stacks).
 */
import type { ProcessFacts, ThreadFact } from '../facts/facts';
import { activityWords, threadActivity } from '../facts/threadActivity';
import type { Finding } from '../finding';
import { describeFrame, finding, frameRef, plural, pythonLeaf, threadName, when } from './ruleKit';

/** TDA's threshold: one or two equal dumps can be chance. */
const STUCK_DUMPS = 3;
/** Dumps closer than this are one moment, not three. */
const MIN_SPAN_MS = 1500;

/** The stack every one of the thread's last dumps shows, when it is the same in ≥ 3. */
function stuckStack(t: ThreadFact): string | null {
  const dumps = new Set(t.samples.map((s) => s.dumpOrder));
  if (dumps.size < STUCK_DUMPS) return null;
  const keys = new Set(t.samples.map((s) => s.stackKey));
  const last = t.samples.at(-1);
  if (keys.size !== 1 || last === undefined || last.thread.frames.length === 0) return null;
  const a = threadActivity(last.thread);
  const parked =
    a.kind === 'pool-idle' ||
    a.kind === 'loop-idle' ||
    (a.kind === 'blocked' && /condition|readiness|incoming|timer/.test(a.waitsFor));
  return parked ? null : last.stackKey;
}

export function threadStuck(facts: ProcessFacts): Finding[] {
  const groups = new Map<string, ThreadFact[]>();
  for (const t of facts.threads) {
    const key = stuckStack(t);
    if (key === null) continue;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const times = facts.dumps.map((d) => d.takenAt).filter((x): x is number => x !== null);
  const span = times.length >= 2 ? Math.max(...times) - Math.min(...times) : null;
  return [...groups.entries()].map(([key, threads]) => {
    const first = threads[0];
    const sample = first?.samples.at(-1);
    const frames = sample?.thread.frames ?? [];
    const leaf = pythonLeaf(frames) ?? frames[0];
    const dumps = Math.min(...threads.map((t) => new Set(t.samples.map((s) => s.dumpOrder)).size));
    const a = sample === undefined ? null : threadActivity(sample.thread);
    const running = a?.kind === 'running';
    const offCpu = a?.kind === 'off-cpu-in-python';
    const who =
      threads.length === 1 && first !== undefined
        ? threadName(first)
        : plural(threads.length, 'thread');
    return finding(facts, {
      kind: 'thread-stuck',
      subject: key,
      // On the CPU at one line each time is a long computation as often as a stuck loop.
      severity: offCpu || running ? 'info' : 'warning',
      base: running ? 40 : 50,
      reasons: [
        ...when(dumps >= 4, 10, `the same stack in ${dumps} dumps`),
        ...when(
          span !== null && span >= MIN_SPAN_MS,
          10,
          `the dumps span ${(Math.round((span ?? 0) / 100) / 10).toFixed(1)} s`,
        ),
        ...when(span !== null && span < MIN_SPAN_MS, -25, 'the dumps were taken within a moment'),
        ...when(span === null, -10, 'the dumps carry no times'),
        ...when(offCpu, -15, 'py-spy does not show the C call: it may be a sleep in a loop'),
      ],
      title: `${who} ${threads.length === 1 ? 'has' : 'have'} had the same stack in ${dumps} dumps: ${leaf === undefined ? '' : `at ${describeFrame(leaf)}, `}${a === null ? '' : activityWords(a).replace(/^is /, '')}`,
      statement:
        `Every frame and line is the same in each of ${dumps} dumps${span !== null ? ` over ${(span / 1000).toFixed(1)} s` : ''}: ` +
        (running
          ? 'the thread loops on the CPU without getting further.'
          : 'the thread has not moved; whatever it waits for does not come.') +
        (threads.length > 1 ? ` ${plural(threads.length, 'thread')} share this stack.` : ''),
      evidence: threads
        .slice(0, 6)
        .flatMap((t) => t.samples.slice(-STUCK_DUMPS).map((s) => frameRef(s, 0)))
        .slice(0, 12),
      cannotCheck: [
        ...(span === null ? ['that the dumps were seconds apart (their times are unknown)'] : []),
        ...(offCpu ? ['the C call it sits in: gdb py-bt or py-spy dump --native shows it'] : []),
      ],
      nextSteps: [
        ...(first !== undefined && first.tid !== null
          ? [
              {
                label: 'what it does in the kernel (strace)',
                capture: { recipe: 'strace' as const, pid: first.tid, followThreads: false },
              },
            ]
          : []),
      ],
    });
  });
}
