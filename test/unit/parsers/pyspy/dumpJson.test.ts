/** `py-spy dump --json`: lab recordings, agreement with the text dump, and broken input. */
import { describe, expect, it } from 'vitest';
import {
  PyDumpJsonParser,
  parsePySpyDumpJson,
  parsePySpyDumpText,
} from '../../../../shared/parsers/pyspy';
import { readLocalFixture } from '../../fixturePath';
import { allDumpJsonFixtures, expectWellFormedDump, threadSummary } from './pyspyTestUtil';

const recorded = (f: string): ReturnType<typeof parsePySpyDumpJson> =>
  parsePySpyDumpJson(readLocalFixture('pyspy', f));

describe('dump --json recordings', () => {
  it.each(allDumpJsonFixtures())('%s: well-formed, nothing unparsed', (_name, text) => {
    const { model, unparsedLines } = parsePySpyDumpJson(text);
    expectWellFormedDump(model, unparsedLines);
    expect(unparsedLines).toBe(0);
    expect(model.dumps.length).toBeGreaterThan(0);
  });

  it('dump-json-seed000.json: threads oldest first, like the text dump', () => {
    const { model } = recorded('dump-json-seed000.json');
    const d = model.dumps[0];
    expect(d).toMatchObject({ pid: 10029, run: 0, source: 'json' });
    expect(d?.command).toBeUndefined();
    expect(d?.threads).toHaveLength(21);
    expect(d?.threads[0]).toMatchObject({
      threadId: '10029',
      tid: 10029,
      name: 'MainThread',
      pthreadId: '0x7fa0c00b3040',
    });
    expect(d?.threads.map((t) => t.tid)).toEqual(
      [...(d?.threads.map((t) => t.tid) ?? [])].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
    expect(d?.threads[0]?.frames[0]).toEqual({
      function: 'select',
      file: 'selectors.py',
      line: 468,
    });
  });

  it('dump-json-periodic-seed000.json: two arrays back to back are two runs', () => {
    const { model } = recorded('dump-json-periodic-seed000.json');
    expect(model.dumps.map((d) => [d.pid, d.run, d.threads.length])).toEqual([
      [10029, 0, 21],
      [10029, 1, 21],
    ]);
  });

  it('dump-json-subprocesses-gunicorn.json: --json ignores --subprocesses (parent only)', () => {
    const { model } = recorded('dump-json-subprocesses-gunicorn.json');
    expect(model.dumps.map((d) => d.pid)).toEqual([10114]);
  });

  it('dump-json-locals-odd-threads.json matches the text dump of the same process', () => {
    const json = recorded('dump-json-locals-odd-threads.json').model;
    const text = parsePySpyDumpText(readLocalFixture('pyspy', 'dump-ll-odd-threads.txt')).model;
    const shape = (m: typeof json): unknown =>
      m.dumps[0]?.threads.map((t) => ({
        threadId: t.threadId,
        name: t.name,
        // The two captures were taken a moment apart: compare the stable root frames.
        root: t.frames.at(-1),
      }));
    expect(shape(json)).toEqual(shape(text));
    const waiter = json.dumps[0]?.threads.find((t) => t.name === 'odd "name" (with; semicolon)');
    const locals = waiter?.frames.find((f) => f.function === 'waiter')?.locals;
    expect(locals?.find((l) => l.name === 'label')).toEqual({
      name: 'label',
      value: '"line1\\nline2 "quoted" it\\"s"',
      arg: true,
    });
    // A frame without locals has none, not an empty list (as in the text dump).
    expect(json.dumps[0]?.threads.at(-1)?.frames[0]?.locals).toBeUndefined();
    expect(json.dumps[0]?.threads.at(-1)?.name).toBeUndefined();
  });
});

const trace = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  pid: 7,
  thread_id: 139621585376960,
  thread_name: 'MainThread',
  os_thread_id: 7,
  active: true,
  owns_gil: true,
  frames: [
    {
      name: 'f',
      filename: '/a/b.py',
      module: null,
      short_filename: 'b.py',
      line: 3,
      locals: null,
      is_entry: true,
      is_shim_entry: false,
    },
  ],
  process_info: null,
  ...over,
});

describe('PyDumpJsonParser: synthetic', () => {
  it('hex thread id when the OS tid is unknown; native frames; line 0', () => {
    const { model } = parsePySpyDumpJson(
      JSON.stringify([
        trace({
          os_thread_id: null,
          frames: [{ name: 'pthread_cond_wait', filename: 'libc.so.6', line: 0, locals: null }],
        }),
      ]),
    );
    expect(threadSummary(model)).toEqual([
      '0x7EFC2EFFD6C0 active+gil MainThread: pthread_cond_wait (libc.so.6:) [1]',
    ]);
    expect(model.dumps[0]?.threads[0]?.frames[0]?.native).toBe(true);
  });

  it('compact and pretty JSON, several per stream, stderr lines between', () => {
    const one = JSON.stringify([trace()]);
    const text = `${one}\nError: Failed to suspend process\n${JSON.stringify([trace()], null, 2)}[]\n`;
    const { model, unparsedLines } = parsePySpyDumpJson(text);
    expect(unparsedLines).toBe(0);
    expect(model.dumps.map((d) => d.run)).toEqual([0, 1]);
    expect(model.errors).toEqual(['Error: Failed to suspend process']);
  });

  it('brackets inside strings do not end the value', () => {
    const { model, unparsedLines } = parsePySpyDumpJson(
      JSON.stringify([trace({ thread_name: 'a]}"[{\\' })]),
    );
    expect(unparsedLines).toBe(0);
    expect(model.dumps[0]?.threads[0]?.name).toBe('a]}"[{\\');
  });

  it('counts invalid JSON, non-arrays, bad traces and a cut-off value; never throws', () => {
    const p = new PyDumpJsonParser();
    p.push('[1, 2,]\n{"a": 1}\n');
    p.push(JSON.stringify([trace(), trace({ pid: -1 }), trace({ frames: [{ line: 1 }] })]));
    p.push('\nsome text\n[{"pid": 1');
    p.end();
    // "[1,2,]", the object, two bad traces, "some text", the cut-off value.
    expect(p.unparsedLines).toBe(6);
    expect(p.snapshot().dumps).toHaveLength(1);
    expect(p.snapshot().dumps[0]?.threads).toHaveLength(1);
  });

  it('rejects thread ids that are not finite numbers', () => {
    const { unparsedLines } = parsePySpyDumpJson(
      '[' + JSON.stringify(trace()).replace('139621585376960', '1e400') + ']',
    );
    expect(unparsedLines).toBe(1);
  });
});
