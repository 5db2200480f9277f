/**
 * Cuts and shuffles of recorded evidence for the property tests: a dump capture's threads
 * renamed, dropped or changed, py-spy dump text built from thread lines.
 */
import type { DiagnosisCapture } from '../../../shared/diagnosis';
import type { PyFrame, PyProcessDump, PyThread } from '../../../shared/parsers/pyspy';

/** The capture with each dump replaced by `change(dump, index)` (null drops the dump). */
export function mapDumps(
  c: DiagnosisCapture,
  change: (dump: PyProcessDump, index: number) => PyProcessDump | null,
): DiagnosisCapture {
  const cut = (dumps: readonly PyProcessDump[]): PyProcessDump[] =>
    dumps.map((d, i) => change(d, i)).filter((d): d is PyProcessDump => d !== null);
  if (c.kind === 'pyspy-dump') return { ...c, model: { ...c.model, dumps: cut(c.model.dumps) } };
  if (c.kind === 'gdb-pybt') return { ...c, model: { ...c.model, dumps: cut(c.model.dumps) } };
  return c;
}

/** The capture with every thread of dump `index` replaced by `change(thread)` (null drops it). */
export function mapThreads(
  c: DiagnosisCapture,
  change: (thread: PyThread, dump: number) => PyThread | null,
): DiagnosisCapture {
  return mapDumps(c, (d, i) => ({
    ...d,
    threads: d.threads.map((t) => change(t, i)).filter((t): t is PyThread => t !== null),
  }));
}

/** Only the dumps at `kept` (in their order), each thread replaced by `change(thread, k, dump)`. */
export const keepDumps = (
  c: DiagnosisCapture,
  kept: readonly number[],
  change: (thread: PyThread, k: number, dump: number) => PyThread,
): DiagnosisCapture =>
  mapDumps(c, (d, i) =>
    kept.includes(i) ? { ...d, threads: d.threads.map((t, k) => change(t, k, i)) } : null,
  );

/** A thread under another TID (and the printed id that goes with it). */
export const renamed = (t: PyThread, tid: number): PyThread => ({
  ...t,
  tid,
  threadId: String(tid),
});

/** A thread without the frames that match `drop`. */
export const withoutFrames = (t: PyThread, drop: (f: PyFrame) => boolean): PyThread => ({
  ...t,
  frames: t.frames.filter((f) => !drop(f)),
});

export interface ThreadLine {
  tid: number;
  name: string;
  state: 'active' | 'idle' | 'active+gil';
  /** Frame texts, leaf first: `summarize (app.py:50)`. */
  frames: readonly string[];
}

/** One `py-spy dump` as py-spy prints it. */
export function dumpText(pid: number, threads: readonly ThreadLine[]): string {
  const head = `Process ${pid}: /usr/bin/python3 -m uvicorn app:app\nPython v3.11.2 (/usr/bin/python3.11)\n\n`;
  return (
    head +
    threads
      .map(
        (t) =>
          `Thread ${t.tid} (${t.state}): "${t.name}"\n${t.frames.map((f) => `    ${f}\n`).join('')}`,
      )
      .join('')
  );
}
