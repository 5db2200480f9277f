import { describe, expect, it } from 'vitest';
import {
  captureWordsOf,
  isCaptureNoise,
  snippetOf,
  wordsOf,
} from '../../../electron/node/notebook/searchText';

describe('words for the library index', () => {
  it('keeps identifiers whole and lower-cased, every word of notes, distinct words of captures', () => {
    expect(wordsOf('Saw ECONNREFUSED in compute_invoice, PID 10908 at 0x7f3a2c0019d0')).toEqual([
      'saw',
      'econnrefused',
      'in',
      'compute_invoice',
      'pid',
      '10908',
      'at',
      '0x7f3a2c0019d0',
    ]);
    expect(
      captureWordsOf(
        '[pid 10908] 08:23:58.186091 futex(0x28598500, FUTEX_WAKE) = 1 <0.000011>\n' +
          '[pid 10908] X-Request-Id: 9f86d081884c7d65 futex(0xa563d4) = 0 port 5432 Ünïcode',
      ),
    ).toEqual([
      'pid',
      '08',
      '23',
      '58',
      'futex',
      'futex_wake',
      '1',
      '0',
      'x',
      'request',
      'id',
      'port',
      '5432',
      'ünïcode',
    ]);
    // strace quotes strings C-style: `\r\nHost` holds the word Host.
    const request = 'read(3, "GET /a HTTP/1.1\\r\\nHost: api\\x1bZ\\033Y", 64) = 30';
    expect(captureWordsOf(request)).toEqual([
      'read',
      '3',
      'get',
      'a',
      'http',
      '1',
      'host',
      'api',
      'z',
      'y',
      '64',
      '30',
    ]);
    const host = snippetOf(request, ['host']);
    expect(host?.marks.map(([start, end]) => host.text.slice(start, end))).toEqual(['Host']);
    expect(['10908', '000011', '9f86d081', '0xa5'].every(isCaptureNoise)).toBe(true);
    expect(['5432', 'deadbeef_x', 'cafe', '08'].some(isCaptureNoise)).toBe(false);
  });
});

describe('the line of context around a match', () => {
  it('is the matching line, every whole match marked, case kept', () => {
    const text = 'first line\nthe Pool was exhausted; pool again, pools not\nlast';
    expect(snippetOf(text, ['pool'])).toEqual({
      text: 'the Pool was exhausted; pool again, pools not',
      marks: [
        [4, 8],
        [24, 28],
      ],
    });
    expect(snippetOf(text, ['missing'])).toBeNull();
  });

  it('cuts a long line around the match, without terminal escapes, controls shown as spaces', () => {
    const line = `${'a '.repeat(300)}\u001b[31mneedle\u001b[0m\u0007${' b'.repeat(300)}`;
    const snippet = snippetOf(`x\n${line}\ny`, ['needle']);
    expect(snippet?.text.startsWith('…')).toBe(true);
    expect(snippet?.text.endsWith('…')).toBe(true);
    expect(snippet?.text.length).toBeLessThanOrEqual(202);
    expect(snippet?.text).toContain(' needle  b');
    expect(captureWordsOf('\u001b[1;31mERROR\u001b[0m: disk')).toEqual(['error', 'disk']);
    const [start, end] = snippet?.marks[0] ?? [0, 0];
    expect(snippet?.text.slice(start, end)).toBe('needle');
  });
});
