/**
 * `py-spy top` screens: the real `script` recordings replayed through @xterm/headless (as the app's
 * terminal shows them), then read by parsePySpyTopScreen.
 */
import { describe, expect, it } from 'vitest';
import { parsePySpyTopScreen } from '../../../../shared/parsers/pyspy';
import { localFixture, readSharedFixture, sharedFixture } from '../../fixturePath';
import { LOCAL_TOP } from './pyspyTestUtil';
import { readRecording, replayFrames, replayScreen } from './screenReplay';

const RECORDINGS: [string, string][] = [
  [
    'shared/pyspy-top-tty-gil-threads.typescript',
    sharedFixture('pyspy-top-tty-gil-threads.typescript'),
  ],
  [
    'shared/pyspy-top-gil-tty-uvicorn.typescript',
    sharedFixture('pyspy-top-gil-tty-uvicorn.typescript'),
  ],
  ...LOCAL_TOP.map((f): [string, string] => [`local/${f}`, localFixture('pyspy', f)]),
];

describe('recorded py-spy top sessions', () => {
  it('has the shared and the lab recordings', () => {
    expect(RECORDINGS.length).toBeGreaterThanOrEqual(6);
  });

  it.each(RECORDINGS)('%s: every redraw parses, samples only grow', async (name, file) => {
    const frames = await replayFrames(readRecording(file));
    expect(frames.length).toBeGreaterThanOrEqual(3);
    let last = 0;
    for (const screen of frames) {
      const { model } = parsePySpyTopScreen(screen);
      expect(model.totalSamples).not.toBeNull();
      expect(model.totalSamples ?? 0).toBeGreaterThanOrEqual(last);
      last = model.totalSamples ?? 0;
      expect(model.hasTable).toBe(true);
      for (const r of model.rows) {
        expect(r.ownPercent).toBeLessThanOrEqual(r.totalPercent + 1e-9);
        expect(r.ownSeconds).toBeLessThanOrEqual(r.totalSeconds + 1e-9);
      }
      if (!name.includes('narrow')) expect(model.command).toBeDefined();
    }
  });

  it('the GIL threads session, last screen', async () => {
    const screen = await replayScreen(
      readRecording(sharedFixture('pyspy-top-tty-gil-threads.typescript')),
    );
    const { model, unparsedLines } = parsePySpyTopScreen(screen);
    expect(unparsedLines).toBe(0);
    expect(model).toMatchObject({
      command: '/usr/bin/python3 /srv/lab/gil.py',
      pythonVersion: '3.11.2',
      subprocesses: false,
      threads: 5,
      lineMode: false,
    });
    expect(model.rows[0]).toEqual({
      ownPercent: 138,
      totalPercent: 138,
      ownSeconds: 4.27,
      totalSeconds: 4.27,
      function: 'work',
      file: 'gil.py',
      line: null,
      truncated: false,
    });
    expect(model.rows.map((r) => r.function)).toEqual([
      'work',
      '<module>',
      '_bootstrap',
      '_bootstrap_inner',
      'run',
    ]);
  });

  it('the uvicorn --gil session: a row cut at 80 columns is flagged', async () => {
    const screen = await replayScreen(
      readRecording(sharedFixture('pyspy-top-gil-tty-uvicorn.typescript')),
    );
    const { model, unparsedLines } = parsePySpyTopScreen(screen);
    expect(unparsedLines).toBe(0);
    expect(model.totalSamples).toBe(400);
    expect(model.gilPercent).toBe(10);
    expect(model.activePercent).toBe(10);
    expect(model.threads).toBe(0);
    expect(model.rows).toHaveLength(16);
    expect(model.rows.filter((r) => r.truncated)).toEqual([
      {
        ownPercent: 1,
        totalPercent: 1,
        ownSeconds: 0.01,
        totalSeconds: 0.01,
        function: '_set_result_unless_cancelled',
        file: 'asyncio/futur',
        line: null,
        truncated: true,
      },
    ]);
  });

  it('--subprocesses at 132x40: "and subprocesses", Processes 3', async () => {
    const screen = await replayScreen(
      readRecording(localFixture('pyspy', 'top-subprocesses-gunicorn-132x40.typescript')),
    );
    const { model, unparsedLines } = parsePySpyTopScreen(screen);
    expect(unparsedLines).toBe(0);
    expect(model).toMatchObject({ subprocesses: true, processes: 3, threads: 3 });
    expect(model.pythonVersion).toBeUndefined();
    expect(model.command).toBe('/usr/bin/python3 -m gunicorn -w 2 -b 127.0.0.1:0 wsgi_app:app');
  });

  it('a 50-column terminal: the sampling-lag warning, and wrapped-row residue counted', async () => {
    const screen = await replayScreen(
      readRecording(localFixture('pyspy', 'top-narrow-50-odd-threads.typescript')),
    );
    const { model, unparsedLines } = parsePySpyTopScreen(screen);
    expect(model.warning).toBe(
      '1.58s behind in sampling, results may be inaccurate. Try reducing the sampling rate.',
    );
    expect(model.activePercent).toBe(403.33);
    // py-spy redraws with CR + erase-line, which leaves the tails of wrapped rows on screen.
    expect(screen.join('\n')).toContain('(python v3.11.2)7%, Threads: 6');
    expect(model.rows.map((r) => r.function)).toEqual(['<genexpr>', 'raw_thread', 'sleeper']);
    expect(unparsedLines).toBe(0);
  });
});

describe('parsePySpyTopScreen: synthetic and pasted screens', () => {
  it('the seed-000 paste (trailing spaces, an elision, then a dump)', () => {
    const lines = readSharedFixture('seed000-pyspy-top-and-dump.txt').split('\n');
    const { model, unparsedLines } = parsePySpyTopScreen(lines.slice(0, 16));
    expect(model).toMatchObject({
      command: '/***/***/.venv/bin/python /***/***/.venv/bin/uvicorn app.main:app',
      pythonVersion: '3.12.3',
      totalSamples: 1009,
      gilPercent: 100,
      activePercent: 500,
      threads: 23,
    });
    expect(model.rows[0]).toMatchObject({ ownPercent: 255.56, function: '_worker' });
    expect(model.rows).toHaveLength(7);
    expect(unparsedLines).toBe(1); // " ..."
    // The whole paste: the dump below the screen is not understood here.
    expect(parsePySpyTopScreen(lines).unparsedLines).toBeGreaterThan(20);
  });

  it('line mode, error rate, big times, a process that ended', () => {
    const { model, unparsedLines } = parsePySpyTopScreen([
      "Collecting samples from 'python ./test2.py' and subprocesses",
      'Total Samples 6100, Error Rate 1.25% (Failed to suspend process)',
      'GIL: 0.00%, Active: 300.00%, Threads: 5, Processes 3',
      '',
      '  %Own   %Total  OwnTime  TotalTime  Function (filename:line)',
      '100.00% 100.00%   60.14s    60.14s   loop2 (test2.py:12)',
      '  0.00% 200.00%   0.000s    1234s   _Popen (multiprocessing/context.py:277)',
      'process 8 ended',
    ]);
    expect(unparsedLines).toBe(0);
    expect(model).toMatchObject({
      errorRatePercent: 1.25,
      lastError: 'Failed to suspend process',
      lineMode: true,
      processEnded: true,
    });
    expect(model.rows[1]).toMatchObject({
      function: '_Popen',
      file: 'multiprocessing/context.py',
      line: 277,
      totalSeconds: 1234,
      totalPercent: 200,
    });
  });

  it('a sampling-lag warning alone is kept, not counted', () => {
    const warning =
      '2.00s behind in sampling, results may be inaccurate. Try reducing the sampling rate.';
    expect(parsePySpyTopScreen([warning])).toEqual({
      model: expect.objectContaining({ warning, rows: [] }) as unknown,
      unparsedLines: 0,
    });
  });

  it('a later header starts afresh; junk is counted; non-arrays are tolerated', () => {
    const { model, unparsedLines } = parsePySpyTopScreen([
      "Collecting samples from 'a' (python v3.9.1)",
      'Total Samples 5',
      'garbage',
      "Collecting samples from 'b' (python v3.12.0)",
      '\x1b[1mTotal Samples 7\x1b[0m',
    ]);
    expect(model.command).toBe('b');
    expect(model.totalSamples).toBe(7);
    expect(unparsedLines).toBe(1);
    expect(parsePySpyTopScreen(null as unknown as string[]).model.rows).toEqual([]);
    expect(parsePySpyTopScreen([1, null] as unknown as string[]).unparsedLines).toBe(0);
  });
});
