// Triage end to end on the Node side: for each lab service, the triage's captures run through the
// lab sshd exactly as the app starts them, their output goes through the app's parsers, and the
// diagnosis engine reads the models. The expected finding ranks first; the healthy control under
// the same kind of load gets no warning at all. (The browser flow is test/e2e/triage.spec.ts.)

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureKind, type ModelOf, type ParserEnv } from '../../shared/captures/captureKinds';
import { CaptureParams, type CaptureParamsInput } from '../../shared/captures/recipes';
import {
  diagnose,
  type DiagnosisCapture,
  type FactKind,
  type Finding,
  type FindingKind,
} from '../../shared/diagnosis/index';
import { triagePlan } from '../../renderer/features/triage/triagePlan';
import { startSeed001 } from '../lab/seed001';
import { LAB_SERVICES } from '../lab/services';
import type { LabService, LabServiceName } from '../lab/service';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { CollectingSink, terminal, TestWorkbench } from './harness';
import { NO_PY_SPY, PY_SPY } from './labTools';

let lab: LabSshd;
let bench: TestWorkbench;
let connectionId: string;
/** The host's core count, as the connection counted it (the app passes it the same way). */
let cpuCount: number | undefined;

beforeAll(async () => {
  lab = await startLabSshd();
  bench = new TestWorkbench();
  const info = await bench.connectLab(lab);
  connectionId = info.connectionId;
  cpuCount = info.cores ?? undefined;
});
afterAll(async () => {
  await bench?.dispose();
  await lab?.stop();
});

/** Triage's kinds need no headless terminal or tree builder. */
const NO_ENV: ParserEnv = {
  screen: () => {
    throw new Error('no screen parser in triage');
  },
  flame: () => {
    throw new Error('no flame graph in triage');
  },
};

/** The output of a capture through the app's own parser for its kind, as the page keeps it. */
function modelOf<K extends FactKind>(kind: K, text: string): ModelOf<K> {
  const entry = captureKind(kind);
  const parser = entry.create({}, NO_ENV);
  parser.push(text);
  parser.end();
  return entry.receive(parser.snapshot(), null);
}

/** Runs one capture to its end, through the lab sshd, and reads it as the engine's input. */
async function run(params: CaptureParamsInput, pid: number): Promise<DiagnosisCapture> {
  const parsed = CaptureParams.parse(params);
  const startedAt = Date.now();
  const info = await bench.workbench.handlers['capture.start']({
    connectionId,
    params: parsed,
    cols: 200,
    rows: 50,
  });
  const session = terminal(bench.workbench, info.terminalId);
  const sink = new CollectingSink(session);
  session.attach(sink);
  await expect.poll(() => sink.ends, { timeout: 60_000 }).toBeGreaterThan(0);
  const text = sink.text();
  const base = { id: info.terminalId, startedAt };
  switch (parsed.recipe) {
    case 'threads':
      return { ...base, kind: 'top', model: modelOf('top', text), threadsOf: pid };
    case 'pyspy-dump':
      return {
        ...base,
        kind: 'pyspy-dump',
        model: modelOf('pyspy-dump', text),
        everySeconds: parsed.everySeconds,
      };
    case 'gdb-pybt':
      return { ...base, kind: 'gdb-pybt', model: modelOf('gdb-pybt', text) };
    case 'strace-summary':
      return {
        ...base,
        kind: 'strace-summary',
        model: modelOf('strace-summary', text),
        tracedSeconds: parsed.seconds,
      };
    case 'ss':
      return { ...base, kind: 'ss', model: modelOf('ss', text) };
    default:
      throw new Error(`triage does not run ${parsed.recipe}`);
  }
}

/** Every triage step at once, as the app starts them; a step that cannot start runs its fallback. */
async function triage(pid: number): Promise<{ captures: DiagnosisCapture[]; notes: string[] }> {
  const notes: string[] = [];
  const captures = await Promise.all(
    triagePlan(pid).map(async (step) => {
      try {
        return await run(step.params, pid);
      } catch (error) {
        if (!step.fallback) throw error;
        notes.push(`${step.label}: ${(error as Error).message} -> ${step.fallback.label}`);
        return run(step.fallback.params, pid);
      }
    }),
  );
  return { captures, notes };
}

const CASES: {
  service: LabServiceName;
  first: readonly FindingKind[];
  /** Findings that would be false alarms there, above "info" (seed 000's loop waits in select). */
  never?: readonly FindingKind[];
  /** Needs py-spy on the host (skipped, saying so, without it). */
  pySpy?: boolean;
}[] = [
  {
    service: 'seed000',
    first: ['gil-contention', 'one-core-saturated'],
    never: ['event-loop-blocked'],
  },
  // These read the threads' states and stacks that only py-spy gives (gdb's py-bt has no GIL or
  // idle state, and sees one thread of a busy process at a time).
  { service: 'seed002', first: ['event-loop-blocked'], pySpy: true },
  { service: 'seed004', first: ['sync-workers-exhausted'], pySpy: true },
  { service: 'seed003', first: ['syscall-loop'] },
];

if (PY_SPY === undefined) console.log(`${NO_PY_SPY} (here: seed002, seed004, seed001)`);

const line = (f: Finding) => `${f.severity} ${f.confidence} ${f.kind}: ${f.title}`;

describe('triage, then the diagnosis', () => {
  for (const { service: name, first, never = [], pySpy = false } of CASES) {
    it.skipIf(pySpy && PY_SPY === undefined)(
      `${name}: ${first.join(' or ')} ranks first, with evidence from the triage's captures`,
      async () => {
        const service: LabService = await LAB_SERVICES[name].start({});
        try {
          const { captures, notes } = await triage(service.pid);
          const findings = diagnose({
            host: lab.host,
            pid: service.pid,
            captures,
            ...(cpuCount ? { cpuCount } : {}),
          });
          console.log(
            `${name} (pid ${service.pid}):\n  ${findings.map(line).join('\n  ') || '(no finding)'}` +
              (notes.length ? `\n  notes: ${notes.join('; ')}` : ''),
          );
          const top = findings[0];
          expect(
            top && first.includes(top.kind),
            `first finding: ${top ? line(top) : 'none'}`,
          ).toBe(true);
          const falseAlarms = findings.filter(
            (f) => never.includes(f.kind) && f.severity !== 'info',
          );
          expect(falseAlarms.map(line)).toEqual([]);
          const ids = new Set(captures.map((c) => c.id));
          expect(top?.evidence.length).toBeGreaterThan(0);
          expect(top?.evidence.every((ref) => ids.has(ref.capture))).toBe(true);
        } finally {
          await service.stop();
        }
      },
      180_000,
    );
  }

  it.skipIf(PY_SPY === undefined)(
    'seed001 (the worker kept: a 30 s gunicorn timeout): the job holding the GIL ranks first',
    async () => {
      const service = await startSeed001({ workerTimeoutSeconds: 30 });
      try {
        await service.hung();
        const pid = service.workerPid() ?? service.pid;
        const { captures } = await triage(pid);
        const findings = diagnose({
          host: lab.host,
          pid,
          captures,
          ...(cpuCount ? { cpuCount } : {}),
        });
        console.log(
          `seed001 (worker ${pid}):\n  ${findings.map(line).join('\n  ') || '(no finding)'}`,
        );
        expect(findings[0]?.kind).toBe('gil-hog');
      } finally {
        await service.stop();
      }
    },
    180_000,
  );

  it('the healthy control under load: no warning at all', async () => {
    const service = await LAB_SERVICES.healthy.start({});
    try {
      const { captures } = await triage(service.pid);
      const findings = diagnose({
        host: lab.host,
        pid: service.pid,
        captures,
        ...(cpuCount ? { cpuCount } : {}),
      });
      console.log(
        `healthy (pid ${service.pid}):\n  ${findings.map(line).join('\n  ') || '(no finding)'}`,
      );
      expect(findings.filter((f) => f.severity !== 'info').map(line)).toEqual([]);
    } finally {
      await service.stop();
    }
  }, 180_000);
});
