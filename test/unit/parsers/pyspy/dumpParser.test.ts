import { describe, expect, it } from 'vitest';
import {
  parsePySpyDumpJson,
  parsePySpyDumpText,
  PyDumpParser,
} from '../../../../shared/parsers/pyspy/index';
import { readLocalFixture } from '../../fixturePath';

function parseInChunks(text: string, chunk: number) {
  const parser = new PyDumpParser();
  for (let i = 0; i < text.length; i += chunk) parser.push(text.slice(i, i + chunk));
  parser.end();
  return { model: parser.snapshot(), unparsedLines: parser.unparsedLines };
}

describe('PyDumpParser: py-spy dump as text or --json, whichever comes', () => {
  it('reads --json as the JSON parser does, the text dump as the text parser does', () => {
    for (const name of ['dump-json-seed000.json', 'dump-json-periodic-seed000.json']) {
      const text = readLocalFixture('pyspy', name);
      const json = parsePySpyDumpJson(text);
      expect(json.model.dumps.length, name).toBeGreaterThan(0);
      for (const chunk of [text.length, 1, 4096])
        expect(parseInChunks(`\n  ${text}`, chunk), name).toEqual(json);
    }
    const text = readLocalFixture('pyspy', 'dump-seed000.txt');
    expect(parseInChunks(text, 3)).toEqual(parsePySpyDumpText(text));
  });

  it('empty and white space only: an empty model, nothing thrown', () => {
    expect(parseInChunks('', 1).model.dumps).toEqual([]);
    expect(parseInChunks(' \n\t\n', 1)).toEqual(parsePySpyDumpText(' \n\t\n'));
  });
});
