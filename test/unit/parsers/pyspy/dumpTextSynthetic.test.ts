/** `py-spy dump` text: grammar corners built by hand from §1.1 of the format reference. */
import { describe, expect, it } from 'vitest';
import {
  MAX_DUMPS,
  MAX_LINE,
  PyDumpTextParser,
  parsePySpyDumpText,
} from '../../../../shared/parsers/pyspy';

const HEAD = 'Process 42: python app.py\nPython v3.12.3 (/usr/bin/python3.12)\n\n';

describe('PyDumpTextParser: threads', () => {
  it('reads decimal and hex thread ids; only decimal ones are OS tids', () => {
    const { model } = parsePySpyDumpText(
      HEAD +
        'Thread 42 (idle): "MainThread"\n    main (app.py:3)\n' +
        'Thread 0x7F1C2B3D4E5F (active+gil): "Thread-2 (worker)"\n    work (app.py:9)\n',
    );
    expect(model.dumps[0]?.threads.map((t) => [t.threadId, t.tid, t.pthreadId])).toEqual([
      ['42', 42, undefined],
      ['0x7F1C2B3D4E5F', null, '0x7f1c2b3d4e5f'],
    ]);
  });

  it('keeps quotes and parentheses in names: everything between the first `: "` and the last `"`', () => {
    const { model } = parsePySpyDumpText(HEAD + 'Thread 7 (idle): "a": "b" (c)"\n');
    expect(model.dumps[0]?.threads[0]?.name).toBe('a": "b" (c)');
  });

  it('reads `dump --core` headers (no activity, "(gil)")', () => {
    const { model, unparsedLines } = parsePySpyDumpText(
      'Signal 11: core.1234\nProcess 1234: python crash.py\nPython v3.11.2\n\n' +
        'Thread 1234 (gil): "MainThread"\n    crash (crash.py:3)\nThread 1240\n    idle (crash.py:9)\n',
    );
    expect(unparsedLines).toBe(0);
    expect(model.dumps[0]?.pythonVersion).toBe('3.11.2');
    expect(model.dumps[0]?.executable).toBeUndefined();
    expect(model.dumps[0]?.threads.map((t) => [t.active, t.ownsGil, t.idle])).toEqual([
      [null, true, false],
      [null, false, false],
    ]);
  });

  it('frames: first " (" splits; line only as a trailing :digits; files with spaces and colons', () => {
    const { model, unparsedLines } = parsePySpyDumpText(
      HEAD +
        'Thread 42 (active): "MainThread"\n' +
        '    <module> (odd dir (x)/a b.py:7)\n' +
        '    run (C:\\app\\main.py:12)\n' +
        '    0x7caaa50b1a9b (?)\n' +
        '    std::condition_variable::wait (libstdc++.so.6.0.33)\n' +
        '    helper (<frozen importlib._bootstrap>)\n',
    );
    expect(unparsedLines).toBe(0);
    expect(model.dumps[0]?.threads[0]?.frames).toEqual([
      { function: '<module>', file: 'odd dir (x)/a b.py', line: 7 },
      { function: 'run', file: 'C:\\app\\main.py', line: 12 },
      { function: '0x7caaa50b1a9b', file: '?', line: null, native: true },
      {
        function: 'std::condition_variable::wait',
        file: 'libstdc++.so.6.0.33',
        line: null,
        native: true,
      },
      { function: 'helper', file: '<frozen importlib._bootstrap>', line: null },
    ]);
  });

  it('a frame line outside any thread, and garbage inside one, are counted', () => {
    const { model, unparsedLines } = parsePySpyDumpText(
      '    lost (x.py:1)\n' + HEAD + 'Thread 42 (idle)\n    no parens here\n    ok (y.py:2)\n',
    );
    expect(unparsedLines).toBe(2);
    expect(model.dumps[0]?.threads[0]?.frames).toEqual([{ function: 'ok', file: 'y.py', line: 2 }]);
  });

  it('a thread before any Process line gets an implicit dump with pid 0', () => {
    const { model } = parsePySpyDumpText('Thread 5 (idle): "x"\n    f (a.py:1)\n');
    expect(model.dumps).toMatchObject([{ pid: 0, run: 0, threads: [{ threadId: '5' }] }]);
  });
});

describe('PyDumpTextParser: runs and subprocesses', () => {
  it('a Process line after the dashed separator stays in the run; otherwise a new run starts', () => {
    const sep = '\n' + '-'.repeat(80) + '\n';
    const child =
      'Process 43: python child.py\nPython v3.12.3 (/usr/bin/python3.12)\nParent Process 42: python app.py\n\n' +
      'Thread 43 (idle): "MainThread"\n    c (child.py:1)\n';
    const { model } = parsePySpyDumpText(
      HEAD + 'Thread 42 (idle): "MainThread"\n    p (app.py:1)\n' + sep + child + HEAD,
    );
    expect(model.dumps.map((d) => [d.pid, d.run, d.parentPid ?? null])).toEqual([
      [42, 0, null],
      [43, 0, 42],
      [42, 1, null],
    ]);
  });

  it('keeps at most MAX_DUMPS dumps, dropping the oldest', () => {
    const p = new PyDumpTextParser();
    const one = HEAD + 'Thread 42 (idle): "MainThread"\n    p (app.py:1)\n';
    for (let i = 0; i < MAX_DUMPS + 5; i++) p.push(one);
    p.end();
    const m = p.snapshot();
    expect(m.dumps).toHaveLength(MAX_DUMPS);
    expect(m.droppedDumps).toBe(5);
    expect(m.dumps[0]?.run).toBe(5);
    expect(m.dumps.at(-1)?.run).toBe(MAX_DUMPS + 4);
  });

  it('snapshots are independent of later input', () => {
    const p = new PyDumpTextParser();
    p.push(HEAD + 'Thread 42 (idle): "MainThread"\n    a (app.py:1)\n');
    const first = p.snapshot();
    p.push('    b (app.py:2)\n');
    expect(first.dumps[0]?.threads[0]?.frames).toHaveLength(1);
    expect(p.snapshot().dumps[0]?.threads[0]?.frames).toHaveLength(2);
  });
});

describe('PyDumpTextParser: messages and noise', () => {
  it('collects errors (with causes) and warnings, also with the `py-spy> ` prefix', () => {
    const { model, unparsedLines } = parsePySpyDumpText(
      'Error: Failed to find python version from target process\n\nCaused by:\n    boom\n\n' +
        'Permission Denied: Try running again with elevated permissions by going \'sudo env "PATH=$PATH" !!\'\n' +
        'It looks like you are running in a docker container. Please make sure you started your container with the SYS_PTRACE capability.\n' +
        "py-spy> Cannot detect GIL holding in version '3.13' on the current platform (reason: x)\n" +
        'py-spy> 1.08s behind in sampling, results may be inaccurate. Try reducing the sampling rate\n' +
        'process 1234 ended\n',
    );
    expect(unparsedLines).toBe(0);
    expect(model.errors).toEqual([
      'Error: Failed to find python version from target process (boom)',
      'Permission Denied: Try running again with elevated permissions by going \'sudo env "PATH=$PATH" !!\'',
      'It looks like you are running in a docker container. Please make sure you started your container with the SYS_PTRACE capability.',
    ]);
    expect(model.warnings).toHaveLength(3);
  });

  it('an error still open shows in snapshots, once', () => {
    const p = new PyDumpTextParser();
    p.push('Error: Unsupported version of Python: 3.99.0\n');
    expect(p.snapshot().errors).toEqual(['Error: Unsupported version of Python: 3.99.0']);
    p.end();
    expect(p.snapshot().errors).toEqual(['Error: Unsupported version of Python: 3.99.0']);
  });

  it('strips ANSI colours, CR, NUL; trailing spaces do not matter', () => {
    const text =
      'Process \x1b[33m\x1b[1m42\x1b[0m: python app.py  \r\n' +
      'Python v\x1b[1m3.12.3\x1b[0m (\x1b[2m/usr/bin/python3.12\x1b[0m)\r\n\r\n' +
      'Thread \x1b[33m\x1b[1m42\x1b[0m (idle): "Main\x00Thread"  \r\n' +
      '    \x1b[32mselect\x1b[0m (\x1b[36mselectors.py\x1b[0m:\x1b[2m468\x1b[0m)\r\n';
    const { model, unparsedLines } = parsePySpyDumpText(text);
    expect(unparsedLines).toBe(0);
    expect(model.dumps[0]).toMatchObject({ pid: 42, command: 'python app.py' });
    expect(model.dumps[0]?.threads[0]?.name).toBe('MainThread');
    expect(model.dumps[0]?.threads[0]?.frames).toEqual([
      { function: 'select', file: 'selectors.py', line: 468 },
    ]);
  });

  it('counts a line longer than MAX_LINE once and goes on', () => {
    const { model, unparsedLines } = parsePySpyDumpText(
      HEAD + 'x'.repeat(MAX_LINE + 10) + '\nThread 42 (idle)\n',
    );
    expect(unparsedLines).toBe(1);
    expect(model.dumps[0]?.threads).toHaveLength(1);
  });

  it('survives hostile names without polluting prototypes', () => {
    const { model } = parsePySpyDumpText(
      HEAD +
        'Thread 42 (idle): "__proto__"\n    constructor (__proto__.py:1)\n        Locals:\n            __proto__: 1\n',
    );
    expect(model.dumps[0]?.threads[0]?.name).toBe('__proto__');
    expect(model.dumps[0]?.threads[0]?.frames[0]?.locals).toEqual([
      { name: '__proto__', value: '1' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
