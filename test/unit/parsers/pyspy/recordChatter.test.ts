/**
 * py-spy record's own count of samples and errors, read from real output: py-spy 0.4.2 recorded
 * here (test/fixtures/pyspy/README.md, test/fixtures/collapsed/README.md) and older versions
 * quoted in py-spy's issues (test/fixtures/pyspy/issues/README.md).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordChatterParser, recordCountsOf } from '../../../../shared/parsers/pyspy';
import { readLocalFixture } from '../../fixturePath';
import { cutsFor, piecesAt } from '../randomInput';

function countsIn(text: string, cuts: readonly number[] = []) {
  const parser = new RecordChatterParser();
  for (const piece of piecesAt(text, cuts)) parser.push(piece);
  parser.end();
  return parser.snapshot();
}

describe('py-spy record: Samples and Errors', () => {
  it('0.4.2 through a pipe, a TTY (coloured prefix, CRLF) and in a speedscope run', () => {
    expect(countsIn(readLocalFixture('pyspy', 'record-nonblocking-churn.log'))).toEqual({
      samples: 472,
      errors: 115,
    });
    expect(countsIn(readLocalFixture('pyspy', 'record-nonblocking-churn.typescript'))).toEqual({
      samples: 434,
      errors: 68,
    });
    expect(countsIn(readLocalFixture('collapsed', 'record-speedscope-seed000.log'))).toEqual({
      samples: 3464,
      errors: 0,
    });
  });

  it('older versions quoted in py-spy issues (#321 0.3.x, #210 0.3.1 "Collected … errors")', () => {
    expect(countsIn(readLocalFixture('pyspy', 'issues', 'pyspy-321-record-raw-0.3.x.txt'))).toEqual(
      { samples: 1999, errors: 0 },
    );
    expect(
      countsIn(readLocalFixture('pyspy', 'issues', 'pyspy-210-record-native-0.3.1.txt')),
    ).toEqual({ samples: 57612, errors: 56884 });
    expect(recordCountsOf('  Collected 120 samples')).toEqual({ samples: 120, errors: 0 });
  });

  it('nothing to report in a dump or in stacks', () => {
    expect(countsIn(readLocalFixture('pyspy', 'dump-seed000.txt'))).toBeNull();
    expect(countsIn(readLocalFixture('collapsed', 'raw-seed000.txt'))).toBeNull();
  });

  it('any chunking gives the same counts; random text never throws', () => {
    const text = readLocalFixture('pyspy', 'record-nonblocking-churn.typescript');
    fc.assert(
      fc.property(cutsFor(text), (cuts) => {
        expect(countsIn(text, cuts)).toEqual({ samples: 434, errors: 68 });
      }),
      { numRuns: 50 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => void countsIn(s)));
  });
});
