/**
 * py-spy dump text that did not come from this machine's py-spy 0.4.2: a paste edited by hand,
 * and dumps quoted in public issue trackers (test/fixtures/pyspy/issues/README.md).
 */
import { describe, expect, it } from 'vitest';
import { parsePySpyDumpText } from '../../../../shared/parsers/pyspy';
import { recogniseOutput } from '../../../../shared/parsers/recognise';
import { readLocalFixture } from '../../fixturePath';
import { expectWellFormedDump, threadSummary } from './pyspyTestUtil';

const SEED000 = readLocalFixture('pyspy', 'dump-seed000.txt');

function parseIssue(name: string) {
  const { model, unparsedLines } = parsePySpyDumpText(readLocalFixture('pyspy', 'issues', name));
  expectWellFormedDump(model, unparsedLines);
  expect(unparsedLines).toBe(0);
  return model;
}

describe('a thread header without its id (hand-edited paste)', () => {
  // The real seed-000 dump with the main thread's id removed by hand, as in the report.
  const edited = SEED000.replace(
    'Thread 10029 (idle): "MainThread"',
    'Thread (idle): "MainThread"',
  );

  it('keeps the thread, its status, name and every frame', () => {
    expect(edited).not.toBe(SEED000);
    const original = parsePySpyDumpText(SEED000).model;
    const { model, unparsedLines } = parsePySpyDumpText(edited);
    expectWellFormedDump(model, unparsedLines);
    expect(unparsedLines).toBe(0);
    const before = original.dumps[0]?.threads ?? [];
    const after = model.dumps[0]?.threads ?? [];
    expect(after).toHaveLength(before.length);
    const main = after[0];
    expect(main).toMatchObject({ threadId: '?', tid: null, idle: true, name: 'MainThread' });
    expect(main?.pthreadId).toBeUndefined();
    expect(main?.frames).toEqual(before[0]?.frames);
    expect(main?.frames[0]).toMatchObject({ function: 'select', file: 'selectors.py', line: 468 });
  });

  it('also without status or name, and a paste that starts there is still recognised', () => {
    const body = edited.slice(edited.indexOf('Thread (idle)'));
    expect(recogniseOutput(body)?.parser).toBe('pyspy-dump');
    const bare = body.replace('Thread (idle): "MainThread"', 'Thread: "MainThread"');
    expect(threadSummary(parsePySpyDumpText(bare).model)[0]).toMatch(/^\? \? MainThread: select/);
    // A lone word "Thread" is not a header.
    expect(parsePySpyDumpText('Thread\n    f (a.py:1)\n').model.dumps).toEqual([]);
  });
});

describe('dumps quoted in issue trackers', () => {
  it('gprofiler #612: pthread ids, no Process header, a thread name with spaces', () => {
    const model = parseIssue('gprofiler-612-dump-pthread-ids.txt');
    expect(model.dumps).toHaveLength(1);
    expect(model.dumps[0]?.pid).toBe(0);
    expect(threadSummary(model)).toEqual([
      '0x7F768F77C740 idle MainThread: wait (threading.py:295) [6]',
      '0x7F76848B4700 idle Thread-6: wait (threading.py:299) [6]',
      '0x7F767F7BE700 idle Process Events Listener: select (selectors.py:445) [6]',
      '0x7F767FFBF700 idle ThreadPoolExecutor-0_0: wait (threading.py:295) [6]',
      '0x7F767EFBD700 idle ThreadPoolExecutor-0_1: wait (threading.py:295) [6]',
    ]);
    expect(model.dumps[0]?.threads[0]?.pthreadId).toBe('0x7f768f77c740');
  });

  it('py-spy 0.3.2 (#221): uwsgi worker idle with no Python frame', () => {
    const model = parseIssue('pyspy-221-dump-0.3.2-uwsgi.txt');
    expect(model.dumps[0]).toMatchObject({
      pid: 25585,
      command: 'uwsgi --wsgi-file app/wsgi.py --http-socket :8000 --workers=2 --master',
      pythonVersion: '3.7.3',
      executable: '/mnt/data/vad/cache/virtualenvs/app/bin/uwsgi',
    });
    expect(threadSummary(model)).toEqual(['25585 idle uWSGIWorker1Core0: - [0]']);
  });

  it('#567: a single thread line with an upper-case pthread id', () => {
    const model = parseIssue('pyspy-567-dump-thread-line.txt');
    expect(threadSummary(model)).toEqual(['0x7ED3637AE700 active ThreadPoolExecutor-275_6: - [0]']);
  });
});
