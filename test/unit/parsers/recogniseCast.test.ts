import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outputBytes, parseCast } from '../../../shared/captureLog/asciicast';
import { CastOutput, readCastHeader } from '../../../shared/captureLog/castOutput';
import { recogniseCast } from '../../../shared/parsers/recogniseCast';
import { readLocalFixture } from '../fixturePath';

/** Recordings in test/fixtures/cast: the app's capture log and asciinema's (README there). */
const cast = (name: string) => readLocalFixture('cast', name);

/** The output bytes CastOutput gives, in chunks of `size` characters. */
function replayed(text: string, skipBytes: number, size: number): Buffer {
  const reader = new CastOutput(skipBytes);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(...reader.push(text.slice(i, i + size)));
  parts.push(...reader.end());
  return Buffer.concat(parts);
}

/** The same recording in asciicast v3: `term` in the header, intervals instead of times. */
function asV3(text: string): string {
  const { header, events } = parseCast(text);
  let previous = 0;
  const lines = events.map(([time, code, data]) => {
    const line = JSON.stringify([Number((time - previous).toFixed(6)), code, data]);
    previous = time;
    return line;
  });
  const v3 = { version: 3, term: { cols: header?.width, rows: header?.height }, timestamp: 1 };
  return [JSON.stringify(v3), ...lines, JSON.stringify([0.1, 'x', '0'])].join('\n');
}

describe('recogniseCast', () => {
  it('a capture: the command in the header names the tool', () => {
    const found = recogniseCast(cast('app-capture-top.cast'));
    expect(found?.header).toMatchObject({ version: 2, width: 120, height: 40, title: 'top' });
    expect(found?.tool).toEqual({
      parser: 'top',
      label: 'top',
      screen: false,
      gated: false,
      skipBytes: 0,
    });
  });

  it('a shell: the first tool typed at the prompt, after what the shell printed before it', () => {
    const text = cast('app-shell-top.cast');
    const found = recogniseCast(text);
    expect(found?.header.command).toBeUndefined();
    expect(found?.tool).toMatchObject({ parser: 'top', label: 'top', screen: true, gated: false });
    const all = Buffer.from(outputBytes(parseCast(text).events)).toString('utf8');
    const skipped = all.slice(0, all.indexOf('LC_ALL=C top -d 0.5\r\n') + 21);
    expect(found?.tool?.skipBytes).toBe(Buffer.byteLength(skipped));
    expect(skipped).toContain('ready-42');

    const typed = recogniseCast(cast('asciinema-shell-pyspy-top.cast'));
    expect(typed?.tool).toMatchObject({
      parser: 'pyspy-top-screen',
      label: 'py-spy top',
      screen: false,
    });
    expect(typed?.tool?.pid).toBeGreaterThan(0);
  });

  it('asciinema rec -c (no command in its header): the output says which', () => {
    const found = recogniseCast(cast('asciinema-top-b.cast'));
    expect(found?.header).toMatchObject({ version: 2, width: 80, height: 24 });
    expect(found?.tool).toMatchObject({ parser: 'top', skipBytes: 0 });
  });

  it('captures of other tools by their commands: a periodic dump, a recording, strace -c', () => {
    const header = (command: string) =>
      `${JSON.stringify({ version: 2, width: 80, height: 24, command })}\n`;
    expect(
      recogniseCast(header('while LC_ALL=C py-spy dump --pid 7; do sleep 5; done'))?.tool,
    ).toMatchObject({ parser: 'pyspy-dump', pid: 7 });
    expect(
      recogniseCast(
        header(
          `LC_ALL=C /opt/venv/bin/py-spy record --format raw -d 5 --pid 7 -o "/tmp/x" && echo '=== workbench: recorded stacks follow ===' && cat "/tmp/x"`,
        ),
      )?.tool,
    ).toMatchObject({ parser: 'collapsed', gated: true });
    expect(
      recogniseCast(header('LC_ALL=C timeout -s INT 10 strace -c -f -p 7'))?.tool?.parser,
    ).toBe('strace-summary');
    expect(recogniseCast(header('bash -l'))?.tool).toBeNull();
  });

  it('asciicast v3 is read too', () => {
    const v3 = asV3(cast('app-shell-top.cast'));
    expect(readCastHeader(v3.slice(0, v3.indexOf('\n')))).toEqual({
      version: 3,
      width: 120,
      height: 40,
    });
    expect(recogniseCast(v3)?.tool).toEqual(recogniseCast(cast('app-shell-top.cast'))?.tool);
  });

  it('not a recording: null; never throws', () => {
    expect(recogniseCast('top - 10:00:00 up 1 day')).toBeNull();
    expect(recogniseCast('{"version": 1, "width": 80}')).toBeNull();
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => void recogniseCast(text)));
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (data) => {
        const text = `{"version":2,"width":80,"height":24}\n${JSON.stringify([0, 'o', data])}\n`;
        void recogniseCast(text);
      }),
    );
  });
});

describe('CastOutput (the replay: events back to the bytes the terminal received)', () => {
  it('gives exactly the output bytes, in any chunking, v2 or v3, less what is skipped', () => {
    for (const name of ['app-capture-top.cast', 'app-shell-top.cast', 'asciinema-top-b.cast']) {
      const text = cast(name);
      const bytes = Buffer.from(outputBytes(parseCast(text).events));
      for (const size of [text.length, 4096, 1]) {
        expect(replayed(text, 0, size).equals(bytes), `${name} / ${size}`).toBe(true);
        expect(replayed(text, 100, size).equals(bytes.subarray(100))).toBe(true);
      }
      expect(replayed(asV3(text), 0, 333).equals(bytes), `${name} v3`).toBe(true);
    }
  });

  it('counts lines that are not events, never throws on garbage', () => {
    const reader = new CastOutput();
    const out = reader.push('{"version":2,"width":80,"height":24}\n[1,"o","ok"]\nnot json\n[1,"o"');
    expect(Buffer.concat([...out, ...reader.end()]).toString()).toBe('ok');
    expect(reader.badLines).toBe(2);
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 20 }), (chunks) => {
        const r = new CastOutput(3);
        for (const c of chunks) r.push(c);
        r.end();
      }),
    );
  });
});
