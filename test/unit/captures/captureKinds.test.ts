import { describe, expect, it } from 'vitest';
import {
  CAPTURE_KINDS,
  captureKind,
  PARSER_KINDS,
  type ParserKind,
  type ParserOptions,
  snapshotOf,
} from '../../../shared/captures/captureKinds';
import { recogniseOutput } from '../../../shared/parsers/recognise';
import { parseStraceText, STRACE_RECENT_SHOWN } from '../../../shared/parsers/strace/index';
import { workerParserEnv } from '../../../renderer/workers/parserEnv';
import { readLocalFixture, readSharedFixture } from '../fixturePath';

/** One recorded output per kind, and the options its capture would pass. */
const FIXTURES: Record<ParserKind, { text: () => string; options?: ParserOptions }> = {
  'pyspy-top-screen': {
    text: () => readSharedFixture('pyspy-top-tty-gil-threads.typescript'),
    options: { savedText: true },
  },
  'pyspy-dump': { text: () => readSharedFixture('pyspy-dump-gil-threads.txt') },
  'gdb-pybt': { text: () => readSharedFixture('gdb-py-bt-gil-threads.txt') },
  top: { text: () => readSharedFixture('top-b-H-p-gil-threads.txt') },
  'strace-summary': { text: () => readSharedFixture('strace-c-logging-loop.txt') },
  strace: { text: () => readSharedFixture('strace-f-tt-T-logging-loop.txt') },
  'nginx-error': { text: () => readLocalFixture('nginx', 'lab-error.log') },
  'nginx-access': { text: () => readLocalFixture('nginx', 'lab-access-combined.log') },
  ss: { text: () => readLocalFixture('ss', 'ss-tanp.txt') },
  ps: { text: () => readLocalFixture('ps', 'ps-aux.txt') },
  collapsed: {
    text: () => readSharedFixture('pyspy-record-raw-gil-threads.txt'),
    options: { ungated: true },
  },
  // Any text will do: a terminal selection keeps its lines as they are.
  text: { text: () => readLocalFixture('ps', 'ps-aux.txt') },
};

/** Fixture → the kind's live parser in uneven chunks → posted model → model as the UI keeps it. */
async function parseAsCaptured<K extends ParserKind>(kind: K) {
  const entry = captureKind(kind);
  const { text, options = {} } = FIXTURES[kind];
  const parser = entry.create(options, workerParserEnv);
  const all = text();
  for (let at = 0, size = 1; at < all.length; at += size, size = (size * 7 + 3) % 4093)
    parser.push(all.slice(at, at + size));
  parser.end();
  await parser.settled?.();
  parser.afterEnd?.(); // as the worker does, once it has posted the model at the end
  const posted = parser.snapshot();
  return { model: entry.receive(posted, null), unparsed: parser.unparsedLines };
}

describe('the capture registry', () => {
  it('has an entry, with a label and a signature, for every kind (none for pinned text)', () => {
    for (const kind of PARSER_KINDS) {
      expect(CAPTURE_KINDS[kind].label).not.toBe('');
      if (kind === 'text') expect(CAPTURE_KINDS[kind].signatures).toEqual([]);
      else expect(CAPTURE_KINDS[kind].signatures.length).toBeGreaterThan(0);
    }
    // Output of any tool, or plain prose, is never taken for a terminal selection.
    for (const kind of PARSER_KINDS)
      if (kind !== 'pyspy-top-screen')
        expect(recogniseOutput(FIXTURES[kind].text())?.parser).not.toBe('text');
    expect(recogniseOutput('just some words\nand more\n')?.parser).not.toBe('text');
  });

  it.each(PARSER_KINDS)(
    '%s: a recorded output goes parser → typed model → snapshot, and the snapshot survives JSON unchanged',
    async (kind) => {
      const { model, unparsed } = await parseAsCaptured(kind);
      const snapshot = snapshotOf({ parser: kind, model, unparsedLines: unparsed }, 1);
      expect(snapshot.kind).toBe(kind);
      expect(snapshot.unparsedLines).toBe(unparsed);
      // The model holds what the fixture holds: not an empty shell.
      expect(JSON.stringify(snapshot).length).toBeGreaterThan(200);
      // Lossless through JSON: no Map, typed array, undefined field, NaN or Infinity in it.
      expect(JSON.parse(JSON.stringify(snapshot))).toStrictEqual(snapshot);
      // A second parse of the same text gives the same snapshot (no hidden state, no clock).
      const again = await parseAsCaptured(kind);
      expect(
        snapshotOf({ parser: kind, model: again.model, unparsedLines: again.unparsed }, 1),
      ).toStrictEqual(snapshot);
    },
  );

  // py-spy top is a screen (recognised by the terminal, not the text); a selection is never guessed.
  it('a live strace capture keeps only the recent events its view shows, the newest last', async () => {
    const { model } = await parseAsCaptured('strace');
    const events = readSharedFixture('strace-f-tt-T-logging-loop.txt').split('\n').length;
    expect(events).toBeGreaterThan(STRACE_RECENT_SHOWN);
    expect(model?.recent).toHaveLength(STRACE_RECENT_SHOWN);
    expect(model?.recent.at(-1)).toEqual(parseStraceText(FIXTURES.strace.text()).recent.at(-1));
  });

  it.each(PARSER_KINDS.filter((k) => k !== 'pyspy-top-screen' && k !== 'text'))(
    '%s: the recorded output is recognised as its own kind when pasted',
    (kind) => {
      expect(recogniseOutput(FIXTURES[kind].text())?.parser).toBe(kind);
    },
  );
});
