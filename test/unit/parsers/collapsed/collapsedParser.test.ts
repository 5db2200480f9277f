/** Collapsed ("folded") stacks: py-spy raw recordings and the grammar corners of §1.2. */
import { describe, expect, it } from 'vitest';
import {
  CollapsedStackParser,
  frameFromText,
  parseCollapsed,
  toCollapsed,
} from '../../../../shared/parsers/collapsed';
import { MAX_LINE } from '../../../../shared/parsers/pyspy';
import { readLocalFixture, readSharedFixture } from '../../fixturePath';
import { allCollapsedFixtures, expectWellFormedSamples } from './collapsedTestUtil';

const names = (s: ReturnType<typeof parseCollapsed>['samples'], i: number): string[] =>
  (s.stacks[i]?.frameIds ?? []).map((id) => s.frames[id]?.name ?? '?');

describe('py-spy record --format raw recordings', () => {
  it.each(allCollapsedFixtures())('%s: well-formed, nothing unparsed', (_n, text) => {
    const { samples, unparsedLines } = parseCollapsed(text);
    expect(unparsedLines).toBe(0);
    expectWellFormedSamples(samples);
    expect(samples.stacks).toHaveLength(text.trim().split('\n').length);
  });

  it('shared pyspy-record-raw-gil-threads.txt, exactly', () => {
    const { samples } = parseCollapsed(readSharedFixture('pyspy-record-raw-gil-threads.txt'));
    expect(samples.totalWeight).toBe(1032);
    expect(samples.frames).toEqual([
      { name: '_bootstrap', file: 'threading.py', line: 995 },
      { name: '_bootstrap_inner', file: 'threading.py', line: 1038 },
      { name: 'run', file: 'threading.py', line: 975 },
      { name: 'work', file: 'gil.py', line: 4 },
      { name: 'work', file: 'gil.py', line: 5 },
      { name: '<module>', file: 'gil.py', line: 9 },
    ]);
    expect(samples.stacks).toEqual([
      { frameIds: [0, 1, 2, 3], weight: 93 },
      { frameIds: [0, 1, 2, 4], weight: 907 },
      { frameIds: [5], weight: 32 },
    ]);
  });

  it('--threads: synthetic thread frames keep their whole text; "worker 3" is not a count', () => {
    const { samples } = parseCollapsed(
      readLocalFixture('collapsed', 'raw-threads-idle-odd-threads.txt'),
    );
    expect(samples.differential).toBeUndefined();
    const roots = new Set(samples.stacks.map((s) => samples.frames[s.frameIds[0] ?? -1]?.name));
    expect([...roots].sort()).toEqual([
      'thread (10113): MainThread',
      'thread (10118): Thread-1 (spin)',
      'thread (10120): worker 3',
      // py-spy does not escape `;` in thread names: this one is cut in two frames.
      'thread (10122): odd "name" (with',
      'thread (10128): ünïcödé-名前',
      'thread (10136)',
    ]);
    expect(samples.frames.find((f) => f.name === ' semicolon)')).toEqual({ name: ' semicolon)' });
    expect(samples.frames).toContainEqual({ name: 'spin', file: 'odd threads 💩.py', line: 9 });
  });

  it('--subprocesses: process frames first, then the thread frame', () => {
    const { samples } = parseCollapsed(
      readLocalFixture('collapsed', 'raw-subprocesses-threads-gunicorn.txt'),
    );
    expect(names(samples, 1).slice(0, 3)).toEqual([
      'process 10114:"/usr/bin/python3 -m gunicorn -w 2 -b 127.0.0.1:0 wsgi_app:app"',
      'process 10169:"/usr/bin/python3 -m gunicorn -w 2 -b 127.0.0.1:0 wsgi_app:app"',
      'thread (10169): MainThread',
    ]);
  });

  it('--nolineno: frames without lines', () => {
    const { samples } = parseCollapsed(readLocalFixture('collapsed', 'raw-nolineno-seed000.txt'));
    expect(samples.frames.every((f) => f.line === undefined)).toBe(true);
    expect(samples.frames).toContainEqual({ name: '_run_code', file: '<frozen runpy>' });
  });

  it('the record log (`py-spy> ` chatter, "… Errors: 0") is skipped, not taken as stacks', () => {
    const log = readLocalFixture('collapsed', 'record-raw-seed000.log');
    expect(parseCollapsed(log)).toEqual({
      samples: { frames: [], stacks: [], totalWeight: 0 },
      unparsedLines: 0,
    });
  });
});

describe('CollapsedStackParser: grammar', () => {
  it('count = last number; frames may hold spaces, colons and parentheses', () => {
    const { samples, unparsedLines } = parseCollapsed(
      'a b (x y.py:3);c::d (lib.so) 12\n  main;helper  \t 7  \r\n',
    );
    expect(unparsedLines).toBe(0);
    expect(samples.frames).toEqual([
      { name: 'a b', file: 'x y.py', line: 3 },
      { name: 'c::d', file: 'lib.so' },
      { name: 'main' },
      { name: 'helper' },
    ]);
    expect(samples.stacks.map((s) => s.weight)).toEqual([12, 7]);
  });

  it('merges repeated stacks (concatenated files) and dedupes frames', () => {
    const { samples } = parseCollapsed('a;b 1\na;c 2\na;b 3\n');
    expect(samples.frames.map((f) => f.name)).toEqual(['a', 'b', 'c']);
    expect(samples.stacks).toEqual([
      { frameIds: [0, 1], weight: 4 },
      { frameIds: [0, 2], weight: 2 },
    ]);
    expect(samples.totalWeight).toBe(6);
  });

  it('differential input (difffolded.pl): both counts kept', () => {
    const { samples, unparsedLines } = parseCollapsed('a;b 10 14\na;c 0 3\nbad 5\n');
    expect(unparsedLines).toBe(1);
    expect(samples.differential).toBe(true);
    expect(samples.stacks).toEqual([
      { frameIds: [0, 1], weight: 10, weightB: 14 },
      { frameIds: [0, 2], weight: 0, weightB: 3 },
    ]);
    expect(samples.totalWeightB).toBe(17);
  });

  it('a plain first line makes "worker 3 5" a frame "worker 3" with count 5', () => {
    const { samples } = parseCollapsed('x 1\nthread (1): worker 3 5\n');
    expect(samples.differential).toBeUndefined();
    expect(samples.frames[1]).toEqual({ name: 'thread (1): worker 3' });
  });

  it('fractional counts (flamegraph.pl accepts them); comments, blanks skipped; junk counted', () => {
    const { samples, unparsedLines } = parseCollapsed(
      '# austin: 3.7.0\n\na;b 0.5\nno count\n 12\na;b 1.\n;; 3\n',
    );
    expect(samples.stacks).toEqual([{ frameIds: [0, 1], weight: 0.5 }]);
    expect(unparsedLines).toBe(4);
  });

  it('strips ANSI and counts an overlong line once', () => {
    const p = new CollapsedStackParser();
    p.push('\x1b[32ma\x1b[0m;b 2\r\n');
    p.push('x'.repeat(MAX_LINE + 1));
    p.push('\nc 1\n');
    p.end();
    expect(p.unparsedLines).toBe(1);
    expect(p.snapshot().frames.map((f) => f.name)).toEqual(['a', 'b', 'c']);
  });

  it('snapshots do not change with later input', () => {
    const p = new CollapsedStackParser();
    p.push('a;b 1\n');
    const first = p.snapshot();
    p.push('a;b 5\n');
    expect(first.stacks[0]?.weight).toBe(1);
    expect(p.snapshot().stacks[0]?.weight).toBe(6);
  });

  it('frameFromText: py-spy forms', () => {
    expect(frameFromText('run (threading.py:975)')).toEqual({
      name: 'run',
      file: 'threading.py',
      line: 975,
    });
    expect(frameFromText('x (a:07)')).toEqual({ name: 'x', file: 'a:07' });
    expect(frameFromText('thread (12): Thread-1 (spin)')).toEqual({
      name: 'thread (12): Thread-1 (spin)',
    });
    expect(frameFromText('process 8:"gunicorn: master (app)"')).toEqual({
      name: 'process 8:"gunicorn: master (app)"',
    });
    expect(frameFromText('java.lang.Thread.run_[j]')).toEqual({ name: 'java.lang.Thread.run_[j]' });
  });
});

describe('toCollapsed', () => {
  it.each(allCollapsedFixtures())('%s: parse → toCollapsed → parse is stable', (_n, text) => {
    const first = parseCollapsed(text).samples;
    const again = parseCollapsed(toCollapsed(first));
    expect(again.unparsedLines).toBe(0);
    expect(again.samples).toEqual(first);
  });

  it('writes differential counts and sanitises `;` in generated frames', () => {
    const diff = parseCollapsed('a;b 10 14\n').samples;
    expect(toCollapsed(diff)).toBe('a;b 10 14\n');
    expect(
      toCollapsed({
        frames: [{ name: 'x;y\nz', file: 'f.py', line: 2 }],
        stacks: [{ frameIds: [0], weight: 3 }],
        totalWeight: 3,
      }),
    ).toBe('x,y z (f.py:2) 3\n');
  });
});
