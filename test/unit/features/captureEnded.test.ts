import { describe, expect, it } from 'vitest';
import {
  NOTHING_KEPT,
  shownThreads,
  type ThreadsView,
} from '../../../renderer/features/threads/lastRows';
import { straceTargetExit } from '../../../renderer/features/strace/targetExit';
import type { TopFrame, TopRow } from '../../../shared/parsers/top/index';
import { parseStraceText } from '../../../shared/parsers/strace/index';
import { readLocalFixture } from '../fixturePath';

const strace = (name: string) => parseStraceText(readLocalFixture('strace', name));

describe('straceTargetExit', () => {
  it('reads the traced process killed by a signal, with the time of the last line', () => {
    // 16313 is one of the threads killed with the process.
    expect(straceTargetExit(strace('run-killed-f-tt-T.txt'), 16313)).toEqual({
      how: 'was killed by SIGKILL',
      at: '08:33:49',
    });
  });

  it('takes an exit line without [pid N] as the target’s: strace prints it for the last task', () => {
    const model = strace('run-killed-f-tt-T.txt');
    const pids = new Set(model.exits.map((e) => e.pid));
    const notListed = 99_999;
    expect(pids.has(notListed)).toBe(false);
    expect(pids.has(null)).toBe(true);
    expect(straceTargetExit(model, notListed)?.how).toBe('was killed by SIGKILL');
  });

  it('reads an exit code', () => {
    const model = strace('run-threads-exit-f-tt-T.txt');
    expect(straceTargetExit(model, 1)).toEqual({ how: 'exited with code 0', at: '08:33:35' });
  });

  it('says nothing while the process lives', () => {
    expect(straceTargetExit(strace('loop-f-tt-T-s64-p.txt'), 1)).toBeNull();
  });
});

function row(pid: number): TopRow {
  return {
    pid,
    user: 'root',
    priority: '20',
    nice: 0,
    virtKiB: 1,
    resKiB: 1,
    shrKiB: 1,
    state: 'S',
    cpuPercent: 3,
    memPercent: 0,
    cpuTimeSeconds: 1,
    command: 'python3',
  };
}

function view(time: string, rows: TopRow[], extra: Partial<ThreadsView> = {}): ThreadsView {
  const frame: TopFrame = {
    flavor: 'procps',
    summary: {
      time,
      taskKind: 'threads',
      tasks: { total: rows.length, running: 0, sleeping: rows.length, stopped: 0, zombie: 0 },
    },
    rows,
    unparsedLines: 0,
    columns: [],
  };
  return { frame, framesSeen: 1, unparsedLines: 0, history: {}, provisional: false, ...extra };
}

describe('shownThreads', () => {
  const keep = (view: ThreadsView | null, goneAt: string | null = null) => ({ view, goneAt });

  it('shows the live frame while the process has threads', () => {
    const live = view('10:00:01', [row(7), row(8)]);
    expect(shownThreads(NOTHING_KEPT, live, 7)).toEqual({
      view: live,
      gone: null,
      kept: keep(live),
    });
  });

  it('keeps the last rows once top lists no thread of the process, and says when it went', () => {
    const last = view('10:00:01', [row(7), row(8)], { history: { 7: [3], 8: [3] } });
    const empty = view('10:00:02', [], { framesSeen: 5, unparsedLines: 2 });
    const shown = shownThreads(keep(last), empty, 7);
    expect(shown.gone).toEqual({ at: '10:00:02', lastRowsAt: '10:00:01' });
    expect(shown.view.frame?.rows.map((r) => r.pid)).toEqual([7, 8]);
    expect(shown.view.history).toEqual(last.history);
    // Counters stay live.
    expect(shown.view.framesSeen).toBe(5);
    expect(shown.view.unparsedLines).toBe(2);
    // Later empty frames do not move the time it went.
    const later = shownThreads(shown.kept, view('10:00:09', []), 7);
    expect(later.gone).toEqual({ at: '10:00:02', lastRowsAt: '10:00:01' });
    expect(later.view.frame).toBe(last.frame);
  });

  it('says the process is not running when it never had rows', () => {
    const shown = shownThreads(NOTHING_KEPT, view('10:00:02', []), 7);
    expect(shown.gone).toEqual({ at: '10:00:02', lastRowsAt: null });
    expect(shown.view.frame?.rows).toEqual([]);
  });

  it('does not keep a provisional frame over a complete one', () => {
    const complete = view('10:00:01', [row(7), row(8), row(9)]);
    const partial = view('10:00:02', [row(7)], { provisional: true });
    const shown = shownThreads(keep(complete), partial, 7);
    expect(shown.kept.view).toBe(complete);
    expect(shown.view).toBe(partial);
  });

  it('leaves a whole-host top alone, and forgets the exit if rows come back', () => {
    const last = view('10:00:01', [row(7)]);
    expect(shownThreads(keep(last), view('10:00:02', []), null).gone).toBeNull();
    const back = view('10:00:03', [row(7)]);
    expect(shownThreads(keep(last, '10:00:02'), back, 7)).toEqual({
      view: back,
      gone: null,
      kept: keep(back),
    });
  });
});
