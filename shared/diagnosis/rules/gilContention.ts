/**
 * GIL contention among thread-pool threads (seed 000): several threads have Python code to run
 * at once but only the GIL holder runs it, so the pool runs one thread at a time on one core.
 * Read from py-spy top's header (GIL %, Active %), py-spy's `active` marks, gdb's "Waiting for
 * the GIL". Thresholds: docs/diagnosis.md.
 */
import type { EvidenceRef } from '../evidence';
import type { ProcessFacts, ThreadSample } from '../facts/facts';
import { threadActivity } from '../facts/threadActivity';
import type { Finding } from '../finding';
import { poolName } from './pools';
import {
  finding,
  functionKey,
  pct,
  plural,
  pythonLeaf,
  samplesByDump,
  someRefs,
  threadRef,
  when,
} from './ruleKit';

/** py-spy top: the GIL held this much of the time means Python code is always queued for it. */
const GIL_BUSY = 80;
/** Active threads (× 100 %): more than 1.5 threads want a CPU at once on average. */
const ACTIVE_MANY = 150;
/** Pool threads with Python to run in one dump: more than a thread finishing its turn. */
const POOL_QUEUE = 3;

interface DumpReading {
  wanting: ThreadSample[];
  pool: ThreadSample[];
  gilWaiters: number;
  /** Pool threads in the function a pool thread py-spy marks as the GIL holder runs, it included. */
  behindHolder: ThreadSample[];
}

const leafCode = (s: ThreadSample): string => {
  const f = pythonLeaf(s.thread.frames);
  return f === undefined ? '' : functionKey(f);
};

function readDump(samples: readonly ThreadSample[]): DumpReading {
  // py-spy marks a thread waiting for the GIL "idle": off the CPU in the function others run.
  const runningCode = new Set(
    samples.filter((s) => threadActivity(s.thread).kind === 'running').map(leafCode),
  );
  const wanting = samples.filter((s) => {
    const a = threadActivity(s.thread);
    return (
      a.kind === 'running' ||
      a.kind === 'gil-wait' ||
      (a.kind === 'off-cpu-in-python' && runningCode.has(leafCode(s)))
    );
  });
  const pool = wanting.filter((s) => poolName(s.pythonName, s.thread.frames) !== null);
  const gilWaiters = samples.filter((s) => s.thread.waitingForGil === true).length;
  // py-spy's `active+gil`: the holder runs Python in that function, so the pool threads at a
  // line of it wait for the holder. (A healthy pool's threads sit in a C call that released the
  // GIL while the holder is the event loop, elsewhere.)
  const holder = pool.find((s) => s.thread.ownsGil);
  const behindHolder =
    holder === undefined ? [] : pool.filter((s) => leafCode(s) === leafCode(holder));
  return { wanting, pool, gilWaiters, behindHolder };
}

export function gilContention(facts: ProcessFacts): Finding[] {
  const top = facts.pyspyTop?.model ?? null;
  const gil = top?.gilPercent ?? null;
  const active = top?.activePercent ?? null;
  const topSays = gil !== null && active !== null && gil >= GIL_BUSY && active >= ACTIVE_MANY;
  // A profile (not --gil) that spends most samples in pool workers: many threads with work.
  const record = facts.records.find((r) => !r.gilOnly);
  const recordPool = record?.functions.find(
    (f) => f.name === '_worker' && /concurrent\/futures\/thread\.py$/.test(f.file ?? ''),
  );
  const recordSays = recordPool !== undefined && recordPool.totalShare >= 0.5;
  const dumps = samplesByDump(facts).map(readDump);
  // The dump with the most pool threads that want the GIL.
  const best = dumps.reduce<DumpReading | null>(
    (b, d) => (b === null || d.pool.length > b.pool.length ? d : b),
    null,
  );
  const poolWanting = best?.pool.length ?? 0;
  const gilWaiters = Math.max(0, ...dumps.map((d) => d.gilWaiters));
  // A queue for the GIL is a steady state: a pool fighting for it has threads with Python to run
  // in every dump (seed 000: 14 to 20 of 20). A healthy pool whose threads hash in a C call that
  // released the GIL (the lab's control) has a few of them runnable in one dump and none in the
  // next; py-spy cannot tell the two apart within one dump.
  const queuedDumps = dumps.filter((d) => d.pool.length >= POOL_QUEUE).length;
  const everyDump = dumps.length >= 2 && queuedDumps === dumps.length;
  const holderQueue = dumps.reduce(
    (most, d) => Math.max(most, d.behindHolder.length >= POOL_QUEUE ? d.behindHolder.length : 0),
    0,
  );
  const oneDumpOnly = dumps.length === 1 && queuedDumps === 1;
  const queueSeen = topSays || gilWaiters >= 2 || everyDump || holderQueue > 0;
  if (!queueSeen && !oneDumpOnly) return [];
  // Only one dump, and nothing else to say so: a moment, not yet a queue.
  const moment = !queueSeen;
  const topPoolRows = (top?.rows ?? [])
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.function === '_worker' || /concurrent\/futures\/thread\.py/.test(r.file));
  const evidence: EvidenceRef[] = [];
  if (facts.pyspyTop !== null && gil !== null) {
    evidence.push({ kind: 'pyspy-top-summary', capture: facts.pyspyTop.capture });
    for (const { i } of topPoolRows.slice(0, 3)) {
      evidence.push({ kind: 'pyspy-top-row', capture: facts.pyspyTop.capture, row: i });
    }
  }
  evidence.push(...someRefs(best?.pool ?? [], threadRef));
  if (record !== undefined && recordPool !== undefined && recordSays) {
    evidence.push({
      kind: 'profile-function',
      capture: record.capture,
      function: recordPool.name,
      file: recordPool.file ?? null,
    });
  }
  const pools = new Set((best?.pool ?? []).map((s) => poolName(s.pythonName, s.thread.frames)));
  const poolWords = pools.size === 1 ? `pool "${[...pools][0] ?? ''}"` : 'thread pool';
  const oneCore =
    facts.cpu !== null && facts.cpu.processPercent >= 85 && facts.cpu.processPercent <= 130;
  const isPool = poolWanting >= 2 || topPoolRows.length > 0;
  // The GIL is held by a thread on a CPU: a process below 85 % of one core while the host has
  // half a core idle (so it is not starved of CPU) leaves the GIL free often, and threads seen
  // with Python to run (or in a C call that released it) do not queue for it for long.
  const hostBusy = facts.cpu?.hostBusyPercent ?? null;
  const idleCores =
    hostBusy !== null && facts.cores !== null ? ((100 - hostBusy) / 100) * facts.cores.count : 0;
  const cpuLow =
    facts.cpu !== null &&
    facts.cpu.processPercent < 85 &&
    idleCores >= 0.5 &&
    !topSays &&
    gilWaiters < 2;
  const cannotCheck: string[] = [];
  if (gil === null)
    cannotCheck.push('how much of the time the GIL is held: needs py-spy top (its GIL % header)');
  if (facts.dumps.length === 0) cannotCheck.push('which threads want the GIL: needs a py-spy dump');
  return [
    finding(facts, {
      kind: 'gil-contention',
      subject: 'gil',
      severity:
        cpuLow || moment
          ? 'info'
          : isPool && (oneCore || (gil ?? 0) >= 90)
            ? 'critical'
            : 'warning',
      base: 50,
      reasons: [
        ...when(
          gil !== null && gil >= 90,
          20,
          `py-spy top: GIL held ${pct(gil ?? 0)} of the samples`,
        ),
        ...when(
          active !== null && active >= 300,
          10,
          `py-spy top: ${((active ?? 0) / 100).toFixed(1)} threads active on average`,
        ),
        ...when(gilWaiters >= 2, 15, `gdb: ${gilWaiters} threads "Waiting for the GIL"`),
        ...when(
          everyDump,
          10,
          `pool threads have Python code to run in every one of ${dumps.length} dumps (${poolWanting} at most)`,
        ),
        ...when(
          holderQueue > 0,
          10,
          `py-spy: the GIL holder and ${holderQueue - 1} more pool threads in its function in one dump`,
        ),
        ...when(
          moment,
          -15,
          `${poolWanting} pool threads have Python code to run in the one dump: it may be a moment`,
        ),
        ...when(
          recordSays,
          5,
          `py-spy record: ${pct((recordPool?.totalShare ?? 0) * 100)} of the samples in pool workers`,
        ),
        ...when(
          oneCore,
          10,
          `the process is at ${pct(facts.cpu?.processPercent ?? 0)} of one core`,
        ),
        ...when(!isPool, -15, 'no thread pool is involved'),
        ...when(
          cpuLow,
          -20,
          `the process uses ${pct(facts.cpu?.processPercent ?? 0)} of one core with CPU to spare: the GIL is often free`,
        ),
        ...when(
          gil === null && facts.dumps.length < 2 && !moment,
          -10,
          'one dump and no py-spy top',
        ),
      ],
      title: moment
        ? `${plural(poolWanting, 'thread')} of the ${poolWords} have Python code to run in one dump: if they queue for the GIL, the pool runs one thread at a time`
        : isPool
          ? `${poolWanting > 0 ? `${plural(poolWanting, 'thread')} of the ${poolWords}` : 'Thread-pool threads'} take turns on the GIL: the pool runs one thread at a time`
          : `${plural(Math.max(poolWanting, best?.wanting.length ?? 0), 'thread')} compete for the GIL`,
      statement:
        (moment
          ? 'py-spy cannot show whether they run Python code (and queue for the GIL) or sit in a C call that released it (hashlib, zlib, numpy): ' +
            'the same picture in dumps a second apart would make it a queue. '
          : '') +
        `${gil !== null ? `The GIL is held ${pct(gil)} of the time and ${((active ?? 0) / 100).toFixed(1)} threads are active on average. ` : ''}` +
        `Threads that run Python code (the work after a blocking call handed to a thread pool, e.g. asyncio.to_thread) queue for the GIL, ` +
        `so adding threads adds waiting, not throughput, and the process stays on one core. ` +
        `Move the CPU work to processes, or make the call itself async.`,
      evidence,
      cannotCheck,
      nextSteps: [
        ...(moment
          ? [
              {
                label: 'three dumps a second apart',
                capture: { recipe: 'pyspy-dump' as const, pid: facts.pid },
                repeat: { times: 3, everySeconds: 1 },
              },
            ]
          : []),
        {
          label: 'where the GIL holder spends its time (py-spy record --gil)',
          capture: { recipe: 'pyspy-record', pid: facts.pid, gil: true, durationSeconds: 10 },
        },
        ...(gil === null
          ? [
              {
                label: 'GIL % (py-spy top)',
                capture: { recipe: 'pyspy-top' as const, pid: facts.pid },
              },
            ]
          : []),
      ],
    }),
  ];
}
