import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnectionRecord } from '../../../shared/contract/connectionRecord';
import { clockOffset, readRemoteEpoch, readUname } from '../../../shared/connection/remoteFacts';
import { clockText, connectionRecordText } from '../../../shared/connection/recordText';

describe('the clock offset', () => {
  it('is the remote time minus the midpoint of our two readings, ± half the round trip', () => {
    // Sent at 1000.000 s, answered at 1000.020 s; the host said 1000.310 000 000.
    const offset = clockOffset(1_000_000, { seconds: 1000.31, resolution: 1e-9 }, 1_000_020);
    expect(offset.offsetSeconds).toBeCloseTo(0.3, 6);
    expect(offset.uncertaintySeconds).toBeCloseTo(0.01, 6);
  });

  it('counts a whole-second `date +%s` as the middle of its second, half a second less sure', () => {
    const offset = clockOffset(1_000_000, { seconds: 1000, resolution: 1 }, 1_000_002);
    expect(offset.offsetSeconds).toBeCloseTo(0.499, 6);
    expect(offset.uncertaintySeconds).toBeCloseTo(0.501, 6);
  });

  it('keeps the true offset within its uncertainty wherever in the round trip date ran', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: -3600, max: 3600, noNaN: true }),
        fc.boolean(),
        (before, trip, when, trueOffset, whole) => {
          const after = before + trip;
          const remoteAt = (before + trip * when) / 1000 + trueOffset;
          const resolution = whole ? 1 : 1e-9;
          const printed = whole ? Math.floor(remoteAt) : remoteAt;
          const { offsetSeconds, uncertaintySeconds } = clockOffset(
            before,
            { seconds: printed, resolution },
            after,
          );
          expect(Math.abs(offsetSeconds - trueOffset)).toBeLessThanOrEqual(
            uncertaintySeconds + 1e-5,
          );
        },
      ),
    );
  });
});

describe("the host's answers", () => {
  it('reads date +%s.%N and date +%s', () => {
    const precise = readRemoteEpoch('1700000000.123456789\n');
    expect(precise?.seconds).toBeCloseTo(1700000000.123457, 6);
    expect(precise?.resolution).toBe(1e-9);
    expect(readRemoteEpoch('1700000000\n')).toEqual({ seconds: 1700000000, resolution: 1 });
  });

  it('says unknown (null) for a date without %N, or anything garbled, and never throws', () => {
    for (const garbled of [
      '1700000000.N\n',
      '1700000000.%N\n',
      '',
      '\n',
      'date: invalid date\n',
      '1700000000\n1700000001\n',
      '\u001b[31m1700000000\u001b[0m\n',
      '17e8\n',
      '-1\n',
      '9'.repeat(400),
    ])
      expect(readRemoteEpoch(garbled)).toBeNull();
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const reading = readRemoteEpoch(text);
        if (reading) expect(Number.isFinite(reading.seconds)).toBe(true);
      }),
    );
  });

  it('keeps uname -a as one line of plain text, bounded, or unknown when empty', () => {
    expect(readUname('Linux lab 6.1.0-28-amd64 #1 SMP Debian x86_64 GNU/Linux\n')).toBe(
      'Linux lab 6.1.0-28-amd64 #1 SMP Debian x86_64 GNU/Linux',
    );
    expect(readUname('Linux \u001b]0;owned\u0007lab\r\n\u009b2J')).toBe('Linux ]0;owned lab 2J');
    expect(readUname('')).toBeNull();
    expect(readUname('\u0000\u0001\n')).toBeNull();
    const long = readUname('x'.repeat(1_000_000));
    expect(long?.length).toBe(301);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
        const line = readUname(text);
        if (line === null) return;
        expect(line.length).toBeLessThanOrEqual(301);
        // eslint-disable-next-line no-control-regex -- checking that none are left
        expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      }),
    );
  });
});

describe('the record as text', () => {
  const record = ConnectionRecord.parse({
    hops: [
      { address: 'ops@edge', algorithm: 'ssh-ed25519', fingerprint: 'SHA256:edge' },
      { address: 'ops@[core]:2200', algorithm: 'ssh-ed25519', fingerprint: 'SHA256:core' },
      { address: 'ops@db1', algorithm: 'ssh-ed25519', fingerprint: 'SHA256:db1' },
    ],
    user: 'ops',
    uname: 'Linux db1 6.1.0 x86_64 GNU/Linux',
    clock: { offsetSeconds: 0.3012, uncertaintySeconds: 0.012 },
    recordedAt: '2026-12-06T23:00:00.000Z',
  });

  it('names the target and its key, the chain with each key, the user, uname and clock', () => {
    expect(connectionRecordText(record)).toBe(
      'ops@db1 SHA256:db1 · via ops@edge (SHA256:edge) → ops@[core]:2200 (SHA256:core) · user ops · uname Linux db1 6.1.0 x86_64 GNU/Linux · clock +0.30 s ±0.01 s',
    );
  });

  it('says unknown for what the host did not tell, and shows offsets to their precision', () => {
    expect(connectionRecordText({ ...record, uname: null, clock: null })).toContain(
      'uname unknown · clock unknown',
    );
    expect(clockText({ offsetSeconds: -0.0004, uncertaintySeconds: 0.0003 })).toBe(
      'clock -0.000 s ±0.000 s',
    );
    expect(clockText({ offsetSeconds: 12.34, uncertaintySeconds: 0.501 })).toBe(
      'clock +12.3 s ±0.5 s',
    );
  });
});
