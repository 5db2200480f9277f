/** Streaming: any chunking gives the same model; properties; bounded memory. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_PS_ROWS, PsStreamParser, type PsModel } from '../../../../shared/parsers/ps';
import { localFixture, readLocalFixture } from '../../fixturePath';
import { chunkingCases, expectPlainFiniteData, feedOnce, propertyCases } from '../streamHarness';

const make = (): PsStreamParser => new PsStreamParser();
const FIXTURES = readdirSync(localFixture('ps'))
  .filter((f) => f.endsWith('.txt'))
  .map((f): [string, string] => [f, readLocalFixture('ps', f)]);

describe.each(FIXTURES)('chunking %s', (_name, text) => chunkingCases(make, text));

function wellFormed(m: PsModel): void {
  expectPlainFiniteData(m);
  expect(m.unparsedLines).toBeGreaterThanOrEqual(0);
  for (const r of m.table?.rows ?? []) {
    expect(Number.isSafeInteger(r.pid) && r.pid >= 0).toBe(true);
    expect(/[\r\n]/.test(r.command) || r.command.includes('\u001b')).toBe(false);
  }
}

describe('properties', () => {
  propertyCases({
    make,
    fixtures: FIXTURES.map(([, t]) => t),
    wellFormed,
    fragments: [
      'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND',
      'UID          PID    PPID     LWP  C NLWP STIME TTY          TIME CMD',
      '  PID  PPID USER     %CPU %MEM STAT     ELAPSED COMMAND         COMMAND',
      '  PID                  STARTED ELAPSED     TIME COMMAND         COMMAND',
      'root       18151 99.6  0.1 1192944 38276 ?       Sl   07:43   7:07 /usr/bin/python3 -m uvicorn app:app',
      '16129 16128 nobody    0.1  0.0 S          00:25 nginx           nginx: worker process',
      '1 Mon Nov 23 07:38:43 2026    2746 00:00:15 process_api     /process_api',
      '1-02:03:04',
      'Nov 23',
      '__proto__',
    ],
  });
});

describe('bounded memory', () => {
  it('200 000 generated rows keep at most MAX_PS_ROWS and count the rest', () => {
    const parser = new PsStreamParser();
    parser.push('  PID  PPID USER     %CPU %MEM STAT     ELAPSED COMMAND         COMMAND\n');
    const batch: string[] = [];
    for (let i = 1; i <= 200_000; i++) {
      batch.push(
        `${i} 1 root ${(i % 1000) / 10} 0.1 S 01:00 python3 /usr/bin/python3 worker.py ${i}`,
      );
      if (batch.length === 10_000) {
        parser.push(`${batch.join('\n')}\n`);
        batch.length = 0;
      }
    }
    parser.end();
    const m = parser.snapshot();
    expect(m.table?.rows).toHaveLength(MAX_PS_ROWS);
    expect(m.table?.droppedRows).toBe(200_000 - MAX_PS_ROWS);
    expect(m.unparsedLines).toBe(0);
  }, 60_000);

  it('an endless line is dropped and counted, not buffered', () => {
    const parser = new PsStreamParser();
    for (let i = 0; i < 200; i++) parser.push('x'.repeat(10_000));
    parser.push('\n');
    parser.end();
    expect(parser.unparsedLines).toBe(1);
    expect(feedOnce(make, `${'y'.repeat(70_000)}\n`).unparsedLines).toBe(1);
  });
});
