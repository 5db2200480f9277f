/** speedscope files: py-spy's own exports imported, our export re-imported, bad input refused. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SPEEDSCOPE_SCHEMA,
  fromSpeedscope,
  mergeProfiles,
  parseCollapsed,
  toSpeedscope,
  type SpeedscopeImport,
} from '../../../../shared/parsers/collapsed';
import { readLocalFixture, readSharedFixture } from '../../fixturePath';
import { LOCAL_SPEEDSCOPE, expectWellFormedSamples } from './collapsedTestUtil';

function imported(json: unknown): SpeedscopeImport {
  const r = fromSpeedscope(json);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

describe('py-spy record --format speedscope', () => {
  it.each(LOCAL_SPEEDSCOPE)('%s imports', (file) => {
    const value = imported(JSON.parse(readLocalFixture('collapsed', file)));
    expect(value.exporter).toBe('py-spy@0.4.2');
    expect(value.name).toBe('py-spy profile');
    for (const p of value.profiles) {
      expect(p).toMatchObject({ type: 'sampled', unit: 'seconds' });
      expectWellFormedSamples(p.samples);
    }
  });

  it('speedscope-seed000.json: one profile per thread, weights 1/rate', () => {
    const json = JSON.parse(readLocalFixture('collapsed', 'speedscope-seed000.json')) as {
      profiles: { samples: unknown[] }[];
    };
    const value = imported(json);
    expect(value.profiles).toHaveLength(21);
    expect(value.profiles[0]?.name).toBe('Thread 10029 "MainThread"');
    const first = value.profiles[0]?.samples;
    // 48 samples of 0.01 s each, folded into distinct stacks.
    expect(json.profiles[0]?.samples).toHaveLength(48);
    expect(first?.totalWeight).toBeCloseTo(0.48, 9);
    expect(first?.stacks.length).toBeLessThan(48);
    const merged = mergeProfiles(value.profiles);
    expectWellFormedSamples(merged);
    expect(merged.totalWeight).toBeCloseTo(
      value.profiles.reduce((s, p) => s + p.samples.totalWeight, 0),
      9,
    );
  });

  it('--threads: the synthetic thread frame is the root', () => {
    const value = imported(
      JSON.parse(readLocalFixture('collapsed', 'speedscope-threads-idle-odd-threads.json')),
    );
    const p = value.profiles.find((x) => x.name === 'Thread 10120 "worker 3"');
    const root = p?.samples.frames[p.samples.stacks[0]?.frameIds[0] ?? -1];
    expect(root?.name).toBe('thread (10120): worker 3');
  });
});

describe('toSpeedscope', () => {
  it('exports a sampled profile that imports back to the same samples', () => {
    const samples = parseCollapsed(readSharedFixture('pyspy-record-raw-gil-threads.txt')).samples;
    const file = toSpeedscope(samples, 'gil threads');
    expect(file.$schema).toBe(SPEEDSCOPE_SCHEMA);
    expect(file.profiles[0]).toMatchObject({
      type: 'sampled',
      name: 'gil threads',
      unit: 'none',
      startValue: 0,
      endValue: 1032,
      weights: [93, 907, 32],
    });
    const back = imported(JSON.parse(JSON.stringify(file)));
    expect(back.profiles[0]?.samples).toEqual(samples);
  });

  it('round-trips random samples', () => {
    const arb = fc
      .array(fc.record({ name: fc.string(), file: fc.option(fc.string(), { nil: undefined }) }), {
        minLength: 1,
        maxLength: 8,
      })
      .chain((frames) =>
        fc.tuple(
          fc.constant(frames),
          fc.array(
            fc.tuple(
              fc.array(fc.nat(frames.length - 1), { minLength: 1, maxLength: 6 }),
              fc.integer({ min: 0, max: 1000 }),
            ),
            { maxLength: 10 },
          ),
        ),
      );
    fc.assert(
      fc.property(arb, ([frames, stacks]) => {
        const file = toSpeedscope(
          {
            frames: frames.map((f) => (f.file === undefined ? { name: f.name } : { ...f })),
            stacks: stacks.map(([frameIds, weight]) => ({ frameIds, weight })),
            totalWeight: stacks.reduce((s, [, w]) => s + w, 0),
          },
          'x',
        );
        const back = fromSpeedscope(JSON.parse(JSON.stringify(file)));
        expect(back.ok).toBe(true);
        if (back.ok)
          expectWellFormedSamples(
            back.value.profiles[0]?.samples ?? { frames: [], stacks: [], totalWeight: 0 },
          );
      }),
      { numRuns: 200 },
    );
  });
});

describe('fromSpeedscope: evented profiles and distrust', () => {
  const base = {
    $schema: SPEEDSCOPE_SCHEMA,
    shared: {
      frames: [{ name: 'main' }, { name: 'work', file: 'a.py', line: 3 }, { name: 'main' }],
    },
  };

  it("evented: time with a stack open becomes that stack's weight; duplicate frames merged", () => {
    const value = imported({
      ...base,
      profiles: [
        {
          type: 'evented',
          name: 'ev',
          unit: 'milliseconds',
          startValue: 0,
          endValue: 10,
          events: [
            { type: 'O', at: 0, frame: 0 },
            { type: 'O', at: 2, frame: 1 },
            { type: 'C', at: 7, frame: 1 },
            { type: 'C', at: 10, frame: 0 },
            { type: 'O', at: 10, frame: 2 },
            { type: 'C', at: 11, frame: 2 },
          ],
        },
      ],
    });
    expect(value.profiles[0]?.unit).toBe('milliseconds');
    expect(value.profiles[0]?.samples).toEqual({
      frames: [{ name: 'main' }, { name: 'work', file: 'a.py', line: 3 }],
      stacks: [
        { frameIds: [0], weight: 6 },
        { frameIds: [0, 1], weight: 5 },
      ],
      totalWeight: 11,
    });
  });

  it.each([
    ['not an object', 42],
    ['wrong schema', { ...base, $schema: 'x', profiles: [] }],
    ['no frames', { $schema: SPEEDSCOPE_SCHEMA, shared: {}, profiles: [] }],
    ['frame without name', { ...base, shared: { frames: [{}] }, profiles: [] }],
    ['unknown type', { ...base, profiles: [{ type: 'x' }] }],
    ['length mismatch', { ...base, profiles: [{ type: 'sampled', samples: [[0]], weights: [] }] }],
    [
      'index out of range',
      { ...base, profiles: [{ type: 'sampled', samples: [[9]], weights: [1] }] },
    ],
    [
      'non-integer index',
      { ...base, profiles: [{ type: 'sampled', samples: [[0.5]], weights: [1] }] },
    ],
    [
      'negative weight',
      { ...base, profiles: [{ type: 'sampled', samples: [[0]], weights: [-1] }] },
    ],
    [
      'NaN-ish weight',
      { ...base, profiles: [{ type: 'sampled', samples: [[0]], weights: ['1'] }] },
    ],
    [
      'unbalanced close',
      {
        ...base,
        profiles: [
          {
            type: 'evented',
            events: [
              { type: 'O', at: 0, frame: 0 },
              { type: 'C', at: 1, frame: 1 },
            ],
          },
        ],
      },
    ],
    [
      'time going back',
      {
        ...base,
        profiles: [
          {
            type: 'evented',
            events: [
              { type: 'O', at: 5, frame: 0 },
              { type: 'C', at: 1, frame: 0 },
            ],
          },
        ],
      },
    ],
    [
      'left open',
      { ...base, profiles: [{ type: 'evented', events: [{ type: 'O', at: 0, frame: 0 }] }] },
    ],
  ])('refuses %s with a reason', (_what, json) => {
    const r = fromSpeedscope(json);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeGreaterThan(3);
  });

  it('never throws on random JSON-ish values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        fromSpeedscope(v);
        fromSpeedscope({
          $schema: SPEEDSCOPE_SCHEMA,
          shared: { frames: [{ name: 'a' }] },
          profiles: [v],
        });
      }),
      { numRuns: 300 },
    );
  });
});
