import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recogniseCommand, recogniseOutput } from '../../../shared/parsers/recognise';
import { localFixture, readLocalFixture, readSharedFixture } from '../fixturePath';

describe('recogniseCommand', () => {
  it('knows the incident tools as people type them', () => {
    expect(recogniseCommand('top -H -p 2865374')).toEqual({
      parser: 'top',
      label: 'top -H',
      pid: 2865374,
    });
    expect(recogniseCommand('sudo /usr/local/bin/py-spy dump --pid 42')).toEqual({
      parser: 'pyspy-dump',
      label: 'py-spy dump',
      pid: 42,
    });
    expect(recogniseCommand('py-spy top -p 42')?.parser).toBe('pyspy-top-screen');
    expect(recogniseCommand('strace -f -tt -T -p 7')).toEqual({
      parser: 'strace',
      label: 'strace',
      pid: 7,
    });
    expect(recogniseCommand('timeout -s INT 10 strace -c -f -p 7')?.parser).toBe('strace-summary');
    expect(recogniseCommand('LC_ALL=C ps aux')?.parser).toBe('ps');
    expect(recogniseCommand('tail -f /var/log/nginx/error.log')?.parser).toBe('nginx-error');
    expect(recogniseCommand('gdb -p 5 -batch -ex "thread apply all py-bt"')?.parser).toBe(
      'gdb-pybt',
    );
    expect(recogniseCommand('ls -la')).toBeNull();
    expect(recogniseCommand('')).toBeNull();
  });
});

describe('recogniseOutput', () => {
  it('recognises every shared fixture by its structure', () => {
    const expected: Record<string, string> = {
      'top-b-n2-host.txt': 'top',
      'top-b-H-p-gil-threads.txt': 'top',
      'seed000-top-H-p.txt': 'top',
      'pyspy-dump-gil-threads.txt': 'pyspy-dump',
      'pyspy-dump-locals.txt': 'pyspy-dump',
      'gdb-py-bt-gil-threads.txt': 'gdb-pybt',
      'strace-f-tt-T-logging-loop.txt': 'strace',
      'strace-c-logging-loop.txt': 'strace-summary',
      'pyspy-record-raw-gil-threads.txt': 'collapsed',
    };
    for (const [name, parser] of Object.entries(expected))
      expect(recogniseOutput(readSharedFixture(name))?.parser, name).toBe(parser);
  });

  it('recognises recorded ps, ss and nginx outputs', () => {
    const first = (dir: string, match: RegExp) =>
      readFileSync(
        localFixture(dir, readdirSync(localFixture(dir)).find((f) => match.test(f)) ?? 'missing'),
        'utf8',
      );
    expect(recogniseOutput(first('ps', /aux/))?.parser).toBe('ps');
    expect(recogniseOutput(first('ss', /tanp/))?.parser).toBe('ss');
    expect(recogniseOutput(first('nginx', /error/))?.parser).toBe('nginx-error');
  });

  it("recognises Android's toybox top (top -H and -o fields), quoted in toybox issues", () => {
    for (const name of ['toybox-333-H-android.txt', 'toybox-352-o-fields-android12.txt']) {
      const text = readFileSync(localFixture('top', 'issues', name), 'utf8');
      expect(recogniseOutput(text), name).toEqual({ parser: 'top', label: 'top' });
      // A paste that starts at the summary line or at the header.
      const summary = text.slice(text.indexOf('800%cpu'));
      expect(recogniseOutput(summary)?.parser, name).toBe('top');
    }
  });

  it('never throws on any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => void recogniseOutput(text)));
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (line) => void recogniseCommand(line)));
  });
});

describe('recogniseOutput: py-spy top and py-spy dump --json as saved from a terminal', () => {
  it('reads py-spy top recorded by script (colours, cursor moves) and pasted with \\r\\n', () => {
    for (const name of ['top-seed000.typescript', 'top-narrow-50-odd-threads.typescript'])
      expect(recogniseOutput(readLocalFixture('pyspy', name))?.parser, name).toBe(
        'pyspy-top-screen',
      );
    for (const name of [
      'pyspy-top-tty-gil-threads.typescript',
      'pyspy-top-gil-tty-uvicorn.typescript',
    ])
      expect(recogniseOutput(readSharedFixture(name))?.parser, name).toBe('pyspy-top-screen');
    const pasted = readSharedFixture('seed000-pyspy-top-and-dump.txt');
    expect(recogniseOutput(pasted.replace(/\n/g, '\r\n'))?.parser).toBe('pyspy-top-screen');
  });

  it('routes py-spy dump --json to the dump parser, pretty or compact', () => {
    for (const name of [
      'dump-json-seed000.json',
      'dump-json-periodic-seed000.json',
      'dump-json-locals-odd-threads.json',
      'dump-json-subprocesses-gunicorn.json',
    ]) {
      const text = readLocalFixture('pyspy', name);
      expect(recogniseOutput(text), name).toEqual({
        parser: 'pyspy-dump',
        label: 'py-spy dump --json',
      });
      const compact = JSON.stringify(JSON.parse(text.slice(0, text.indexOf('\n]') + 2)));
      expect(recogniseOutput(compact)?.label, name).toBe('py-spy dump --json');
    }
    // Any other JSON array is not a dump.
    expect(recogniseOutput('[\n  {\n    "name": "x", "pid": 3\n  }\n]')).toBeNull();
  });
});
