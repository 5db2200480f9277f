/** The fleet view's comparison: figures from each host's capture, and the host that stands out. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareFleet } from '../../../shared/fleet/fleetCompare';
import { FIGURE_SPECS, fleetFigures, type FleetRecipe } from '../../../shared/fleet/fleetFigures';
import { OUTLIER_RATIO, standsOut } from '../../../shared/fleet/fleetOutliers';
import { median } from '../../../shared/util/stats';
import { fleetParams, fleetTitle, nextStep } from '../../../shared/fleet/fleetPlan';
import { resolutionText, resolveProcess } from '../../../shared/fleet/resolveProcess';
import { parseSsText } from '../../../shared/parsers/ss';
import { parseStraceSummary } from '../../../shared/parsers/strace';
import { parseTopText } from '../../../shared/parsers/top';
import { readLocalFixture } from '../fixturePath';

const summary = (text: string) => parseStraceSummary(text);

/** A strace -c table of a healthy backend: a few hundred calls a second, routine EAGAIN. */
const HEALTHY = `% time     seconds  usecs/call     calls    errors syscall
------ ----------- ----------- --------- --------- ----------------
 50.00    0.000500           5       100           epoll_wait
 30.00    0.000300           3       100        20 recvfrom
 20.00    0.000200           2       100           sendto
------ ----------- ----------- --------- --------- ----------------
100.00    0.001000           3       300        20 total
`;

describe('standsOut', () => {
  it('marks the host above the floor and more than twice the median of the others', () => {
    expect(standsOut([10, 12, 100], 5)).toEqual([false, false, true]);
    // Two of three high: neither is twice the median of the others (one high, one low).
    expect(standsOut([10, 100, 100], 5)).toEqual([false, false, false]);
  });

  it('never marks noise below the floor, however large the ratio', () => {
    expect(standsOut([0.2, 0.3, 1.1], 30)).toEqual([false, false, false]);
  });

  it('leaves hosts without the figure out, and marks nothing with one host alone', () => {
    expect(standsOut([null, 10, 100], 5)).toEqual([false, false, true]);
    expect(standsOut([100, null, null], 5)).toEqual([false, false, false]);
  });

  it('takes the median, not the mean, of the others', () => {
    expect(median([1, 2, 100])).toBe(2);
    expect(median([1, 3])).toBe(2);
    expect(median([])).toBeNull();
  });

  const hostCount = fc.integer({ min: 2, max: 12 });
  const figure = fc.double({ min: 0, max: 1e6, noNaN: true });

  it('property: identical hosts never produce an outlier', () => {
    fc.assert(
      fc.property(hostCount, figure, figure, (n, value, floor) => {
        expect(standsOut(Array<number>(n).fill(value), floor)).not.toContain(true);
      }),
    );
  });

  it('property: one host scaled ×N (N > 2) above the floor always stands out, and only it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 2, maxLength: 12 }),
        fc.double({ min: OUTLIER_RATIO + 0.01, max: 1000, noNaN: true }),
        fc.nat(),
        (base, factor, pick) => {
          // Hosts alike (within ±10 % of one level), one of them scaled: the fleet's usual shape.
          const level = base[0] ?? 1;
          const alike = base.map((b) => level * (0.9 + (0.2 * (b % 1000)) / 1000));
          const index = pick % alike.length;
          const maxOther = Math.max(...alike.filter((_, i) => i !== index));
          const scaled = alike.map((v, i) => (i === index ? maxOther * factor : v));
          const marks = standsOut(scaled, level);
          expect(marks[index]).toBe(true);
          expect(marks.filter(Boolean)).toHaveLength(1);
        },
      ),
    );
  });
});

describe('fleetFigures', () => {
  it('reads calls/s, errors, the error ratio, the top and failing syscalls from strace -c', () => {
    const figures = fleetFigures(
      { parser: 'strace-summary', model: summary(readLocalFixture('strace', 'loop-c-p.txt')) },
      { pid: 10210, cores: 2, seconds: 5 },
    );
    expect(figures.callsPerSecond?.value).toBeCloseTo(3751 / 5);
    expect(figures.errorsPerSecond?.value).toBe(250);
    expect(figures.errorRatio?.value).toBeCloseTo(1250 / 3751);
    expect(figures.topSyscall).toMatchObject({ text: 'sendto', value: 61.97 });
    expect(figures.topFailing).toMatchObject({ text: 'rename', value: 1250 });
    expect(figures.syscallSeconds?.text).toBe('0.018 s');
  });

  it('names the most called syscall the top one when strace gave every row 0.00 % of the time', () => {
    const quiet = `% time     seconds  usecs/call     calls    errors syscall
------ ----------- ----------- --------- --------- ----------------
  0.00    0.000000           0         3           close
  0.00    0.000000           0        40           poll
------ ----------- ----------- --------- --------- ----------------
100.00    0.000000           0        43           total
`;
    const figures = fleetFigures(
      { parser: 'strace-summary', model: summary(quiet) },
      { pid: 1, cores: 2, seconds: 3 },
    );
    expect(figures.topSyscall?.text).toBe('poll');
  });

  it('has no strace -c figures before the table is complete', () => {
    expect(
      fleetFigures({ parser: 'strace-summary', model: null }, { pid: 1, cores: 2, seconds: 5 }),
    ).toEqual({});
  });

  it("reads load per core, host CPU and the process's CPU from top", () => {
    const text = readLocalFixture('top', 'all-fields-w512.txt');
    const { frames } = parseTopText(text);
    const frame = frames.at(-1) ?? null;
    const row = frame?.rows[0];
    if (!frame || !row) throw new Error('the fixture has a frame with rows');
    const figures = fleetFigures(
      {
        parser: 'top',
        model: { frame, framesSeen: 1, history: {}, provisional: false },
      },
      { pid: row.pid, cores: 4, seconds: null },
    );
    expect(figures.loadPerCore?.value).toBeCloseTo((frame.summary.load?.one ?? NaN) / 4);
    expect(figures.hostCpu?.value).toBeCloseTo(100 - (frame.summary.cpu?.id ?? NaN));
    expect(figures.processCpu?.value).toBe(row.cpuPercent);
  });

  it('counts connections by state and the fullest listen queue from ss', () => {
    const model = parseSsText(
      [
        'State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process',
        'LISTEN 7      128        127.0.0.1:8001      0.0.0.0:*',
        'LISTEN 0      128        127.0.0.1:8002      0.0.0.0:*',
        'ESTAB  0      0          127.0.0.1:8001    127.0.0.1:50738',
        'CLOSE-WAIT 1  0          127.0.0.1:8001    127.0.0.1:50740',
      ].join('\n'),
    );
    const figures = fleetFigures({ parser: 'ss', model }, { pid: null, cores: 2, seconds: null });
    expect(figures.established?.value).toBe(1);
    expect(figures.closeWait?.value).toBe(1);
    expect(figures.listenQueue).toMatchObject({ value: 7, text: '7/128' });
  });
});

describe('compareFleet', () => {
  const strace = (text: string) =>
    fleetFigures(
      { parser: 'strace-summary', model: summary(text) },
      {
        pid: 1,
        cores: 2,
        seconds: 5,
      },
    );

  it('seed 003: the looping backend stands out on calls/s, errors and error ratio', () => {
    const looping = strace(readLocalFixture('strace', 'loop-c-p.txt'));
    const comparison = compareFleet('strace-summary', [strace(HEALTHY), strace(HEALTHY), looping]);
    expect(comparison.outliers).toEqual([2]);
    const marked = comparison.columns
      .filter((_, column) => comparison.rows[2]?.[column]?.standsOut)
      .map((c) => c.key);
    expect(marked).toEqual(['errorsPerSecond', 'errorRatio']);
    expect(comparison.rows[2]?.find((c) => c.text === 'rename')).toBeDefined();
  });

  it('three healthy hosts: nothing stands out', () => {
    const comparison = compareFleet('strace-summary', [
      strace(HEALTHY),
      strace(HEALTHY),
      strace(HEALTHY),
    ]);
    expect(comparison.outliers).toEqual([]);
  });

  it('three idle hosts: top jitter of a few times is not an outlier', () => {
    const idle = (loadPerCore: number, hostCpu: number, processCpu: number) => ({
      loadPerCore: { value: loadPerCore, text: '' },
      hostCpu: { value: hostCpu, text: '' },
      processCpu: { value: processCpu, text: '' },
    });
    const comparison = compareFleet('host-overview', [
      idle(0.05, 2, 0.3),
      idle(0.1, 3, 0.5),
      idle(0.4, 9, 1.1),
    ]);
    expect(comparison.outliers).toEqual([]);
  });

  it('property: one host scaled ×N (N > 2) above the floors stands out, whatever the capture', () => {
    const recipes = Object.keys(FIGURE_SPECS).filter((r): r is FleetRecipe => r in FIGURE_SPECS);
    fc.assert(
      fc.property(
        fc.constantFrom(...recipes),
        fc.array(fc.double({ min: 1, max: 1.1, noNaN: true }), { minLength: 2, maxLength: 8 }),
        fc.double({ min: OUTLIER_RATIO * 1.1 + 0.01, max: 100, noNaN: true }),
        fc.nat(),
        (recipe, jitter, factor, pick) => {
          const index = pick % jitter.length;
          const hosts = jitter.map((j, host) =>
            Object.fromEntries(
              FIGURE_SPECS[recipe].map((spec) => {
                const value = (spec.floor ?? 1) * j * (host === index ? factor : 1) + 0.001;
                return [spec.key, { value, text: String(value) }];
              }),
            ),
          );
          expect(compareFleet(recipe, hosts).outliers).toEqual([index]);
        },
      ),
    );
  });

  it('property: identical hosts never stand out, whatever the capture', () => {
    const recipes = Object.keys(FIGURE_SPECS).filter((r): r is FleetRecipe => r in FIGURE_SPECS);
    fc.assert(
      fc.property(
        fc.constantFrom(...recipes),
        fc.integer({ min: 2, max: 8 }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (recipe, n, value) => {
          const host = Object.fromEntries(
            FIGURE_SPECS[recipe].map((spec) => [spec.key, { value, text: String(value) }]),
          );
          expect(compareFleet(recipe, Array(n).fill(host)).outliers).toEqual([]);
        },
      ),
    );
  });
});

describe('resolveProcess', () => {
  const rows = [
    { pid: 10, name: 'python3', command: 'python3 backend.py 8001 backend-1', cpuPercent: 2 },
    { pid: 11, name: 'python3', command: 'python3 backend.py 8002 backend-2', cpuPercent: 3 },
    { pid: 12, name: 'nginx', command: 'nginx: worker process', cpuPercent: 1 },
  ];

  it('takes the one process whose command holds every word', () => {
    const one = resolveProcess(rows, 'backend.py  8002');
    expect(one).toMatchObject({ kind: 'match', pid: 11, matches: 1 });
    expect(resolutionText(one)).toBe('PID 11');
  });

  it('takes the busiest of several and says so; nothing for no match or an empty pattern', () => {
    const many = resolveProcess(rows, 'BACKEND.PY');
    expect(resolutionText(many)).toBe('PID 11 (busiest of 2)');
    expect(resolveProcess(rows, 'gunicorn')).toEqual({ kind: 'none' });
    expect(resolutionText(resolveProcess(rows, '  '))).toBe('no match');
  });
});

describe('fleet plan', () => {
  it('attaches only where a process was found; host-wide captures need none', () => {
    expect(fleetParams('strace-summary', 42, 3)).toEqual({
      recipe: 'strace-summary',
      pid: 42,
      seconds: 3,
    });
    expect(fleetParams('strace-summary', null, 3)).toBeNull();
    expect(fleetParams('ss', null, 3)).toEqual({ recipe: 'ss' });
    expect(fleetTitle({ recipe: 'strace-summary', seconds: 3, members: [] })).toBe(
      'fleet · strace -c 3s · 0 hosts',
    );
  });

  it('after strace -c, the next look is strace on the PID (the errno strace -c only counts)', () => {
    expect(nextStep('strace-summary', 42)?.params).toEqual({ recipe: 'strace', pid: 42 });
    expect(nextStep('strace-summary', null)).toBeNull();
    expect(nextStep('ss', 42)).toBeNull();
  });
});
