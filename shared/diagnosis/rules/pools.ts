/**
 * Thread pools: which threads are workers of one pool. A pool is named by its threads' common
 * name prefix (`ThreadPoolExecutor-2_0` → `ThreadPoolExecutor-2`, `asyncio_3` → `asyncio`) and
 * recognised by its worker frame (`_worker` in concurrent/futures/thread.py, AnyIO's, Twisted's).
 */
import type { PyFrame } from '../../parsers/pyspy/dumpModel';
import { fileIs } from '../../parsers/pyspy/frameText';

const WORKER_FRAMES: readonly { fn: string; file: string }[] = [
  { fn: '_worker', file: 'concurrent/futures/thread.py' },
  { fn: 'run', file: 'anyio/_backends/_asyncio.py' },
  { fn: 'work', file: 'twisted/_threads/_threadworker.py' },
  { fn: 'worker', file: 'multiprocessing/pool.py' },
];

function isPoolWorker(frames: readonly PyFrame[]): boolean {
  return frames.some((f) =>
    WORKER_FRAMES.some((w) => f.function === w.fn && fileIs(f.file, w.file)),
  );
}

/** The pool a worker belongs to: its name without the worker number, else its worker frame. */
export function poolName(name: string | undefined, frames: readonly PyFrame[]): string | null {
  if (!isPoolWorker(frames)) return null;
  const m = name === undefined ? null : /^(.*?)[-_]?\d+$/.exec(name);
  if (m?.[1] !== undefined && m[1] !== '') return m[1];
  const w = WORKER_FRAMES.find((x) =>
    frames.some((f) => f.function === x.fn && fileIs(f.file, x.file)),
  );
  return w === undefined ? null : `${w.file} ${w.fn}`;
}
