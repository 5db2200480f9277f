/** The engine's API: ranking, stable ids, and the incremental diagnosis a live panel uses. */
import { describe, expect, it } from 'vitest';
import { createDiagnosis, rankFindings, type Finding } from '../../../shared/diagnosis';
import { readLocalFixture, readSharedFixture } from '../fixturePath';
import { dumpCapture, gdbCapture, pyspyTopCapture, ssCapture, topCapture } from './captures';

const draft = (id: string, severity: Finding['severity'], confidence: number): Finding => ({
  id,
  kind: 'thread-stuck',
  severity,
  confidence,
  reasons: [],
  host: 'h',
  pid: 1,
  title: id,
  statement: '',
  evidence: [],
  cannotCheck: [],
  nextSteps: [],
});

describe('rankFindings', () => {
  it('by severity × confidence: a sure warning beats an unsure critical', () => {
    const ranked = rankFindings([
      draft('a', 'critical', 30),
      draft('b', 'warning', 80),
      draft('c', 'info', 100),
      draft('d', 'critical', 90),
    ]);
    expect(ranked.map((f) => f.id)).toEqual(['d', 'b', 'c', 'a']);
  });
});

describe('createDiagnosis', () => {
  const seed = { host: 'vps', pid: 2865374 };
  const paste = readSharedFixture('seed000-pyspy-top-and-dump.txt');

  it('findings appear as captures arrive, and a newer model of a capture replaces it', () => {
    const d = createDiagnosis();
    const host = topCapture(readSharedFixture('seed000-top-host.txt'));
    expect(d.upsert(seed, host).map((f) => f.kind)).toEqual(['one-core-saturated']);
    const gil = pyspyTopCapture(paste);
    const after = d.upsert(seed, gil).map((f) => f.kind);
    expect(after.sort()).toEqual(['gil-contention', 'one-core-saturated']);
    // The same capture id again (a live capture's newer model) does not add a second one.
    expect(d.upsert(seed, gil)).toHaveLength(2);
    d.remove(gil.id);
    expect(d.findings(seed).map((f) => f.kind)).toEqual(['one-core-saturated']);
  });

  it('a host probe that gives the core count changes the reading (it is no longer inferred)', () => {
    const d = createDiagnosis();
    d.upsert(seed, topCapture(readSharedFixture('seed000-top-host.txt')));
    d.setCpuCount('vps', 2);
    const core = d.findings(seed)[0];
    expect(core?.cannotCheck).toEqual([expect.stringMatching(/^which thread burns the core/)]);
    expect(core?.reasons.some((r) => r.delta < 0)).toBe(false);
  });

  it('processes are kept apart; all() ranks them together with stable ids', () => {
    const d = createDiagnosis();
    d.upsert(
      { host: 'lab', pid: 30221 },
      gdbCapture(readLocalFixture('diagnosis', 'gdb-lock.txt')),
    );
    d.upsert(
      { host: 'lab', pid: 30841 },
      dumpCapture(readLocalFixture('diagnosis', 'pyspy-gunicorn-selfcall-3.txt')),
    );
    expect(d.findings({ host: 'lab', pid: 30221 }).map((f) => f.kind)).toEqual(['lock-wait']);
    d.upsert(
      { host: 'lab', pid: 30841 },
      ssCapture(readLocalFixture('diagnosis', 'ss-tanp-gunicorn-selfcall.txt')),
    );
    const all = d.all();
    // Without ps the worker count is unknown: 80 against the lock's 85, both critical.
    expect(all.map((f) => [f.id, f.confidence])).toEqual([
      ['lock-wait:lab:30221:lock 0x7ff6d234ba80', 85],
      ['sync-workers-exhausted:lab:30841:workers', 80],
    ]);
  });
});
