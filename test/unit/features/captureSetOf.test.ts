import { describe, expect, it } from 'vitest';
import type { CaptureParams } from '../../../shared/captures/recipes';
import { diagnose } from '../../../shared/diagnosis';
import { parsePySpyDumpText } from '../../../shared/parsers/pyspy';
import { parseSsText } from '../../../shared/parsers/ss';
import { parseStraceSummary } from '../../../shared/parsers/strace/index';
import { parseTopText } from '../../../shared/parsers/top';
import {
  captureSetOf,
  type InsightsSource,
} from '../../../renderer/features/insights/captureSetOf';
import type { ParsedModel } from '../../../renderer/state/modelsSlice';
import { readSharedFixture } from '../fixturePath';

const PID = 2865374;
const T0 = Date.UTC(2026, 11, 6, 12, 0, 0);

const source = (
  terminalId: string,
  capture: CaptureParams,
  connectionId = 'c1',
): InsightsSource => ({
  terminalId,
  connectionId,
  capture,
  startedAt: T0,
});

/** A top model as a live capture has it after `framesSeen` screens (the last one is the text). */
function topModel(text: string, framesSeen = 2): ParsedModel {
  const { frames } = parseTopText(text);
  return {
    parser: 'top',
    model: {
      frame: frames.at(-1) ?? null,
      framesSeen,
      history: {},
      provisional: false,
    },
    unparsedLines: 0,
    overlongLines: 0,
  };
}

const threads = source('t-threads', {
  recipe: 'threads',
  pid: PID,
  intervalSeconds: 1,
  iterations: 3,
});
const dumps = source('t-dumps', {
  recipe: 'pyspy-dump',
  pid: PID,
  locals: false,
  everySeconds: 1,
  count: 3,
  nonblocking: true,
  fullFilenames: true,
});

describe('captureSetOf', () => {
  it('takes the captures of the PID on the connection, and the host-wide ones as context', () => {
    const tabs = [
      threads,
      source('t-ss', { recipe: 'ss' }),
      source('t-other-pid', { recipe: 'gdb-pybt', pid: 42 }),
      source('t-other-host', { recipe: 'gdb-pybt', pid: PID }, 'c2'),
      { terminalId: 't-shell', connectionId: 'c1', startedAt: T0 },
      dumps,
    ];
    const models = {
      't-threads': topModel(readSharedFixture('seed000-top-H-p.txt')),
      't-ss': { parser: 'ss', model: parseSsText(''), unparsedLines: 0, overlongLines: 0 },
      't-other-pid': topModel(''),
      't-other-host': topModel(''),
    } satisfies Record<string, ParsedModel>;
    const set = captureSetOf({
      host: 'lab',
      connectionId: 'c1',
      pid: PID,
      tabs,
      models,
      cpuCount: 2,
    });
    // The dumps have no model yet: not read until their first one arrives.
    expect(set.captures.map((c) => [c.id, c.kind])).toEqual([
      ['t-threads', 'top'],
      ['t-ss', 'ss'],
    ]);
    expect(set).toMatchObject({ host: 'lab', pid: PID, cpuCount: 2 });
  });

  it('marks a threads capture as the threads of the PID (so one core saturated is found)', () => {
    const models = { 't-threads': topModel(readSharedFixture('seed000-top-H-p.txt')) };
    const set = captureSetOf({
      host: 'lab',
      connectionId: 'c1',
      pid: PID,
      tabs: [threads],
      models,
      cpuCount: 2,
    });
    expect(set.captures[0]).toMatchObject({ kind: 'top', threadsOf: PID });
    expect(diagnose(set)[0]?.kind).toBe('one-core-saturated');
  });

  it('gives repeated dumps their spacing, and leaves cpuCount out when unknown', () => {
    const models = {
      't-dumps': {
        parser: 'pyspy-dump',
        model: parsePySpyDumpText('').model,
        unparsedLines: 0,
        overlongLines: 0,
      },
    } satisfies Record<string, ParsedModel>;
    const set = captureSetOf({
      host: 'lab',
      connectionId: 'c1',
      pid: PID,
      tabs: [dumps],
      models,
      cpuCount: null,
    });
    expect(set.captures[0]).toMatchObject({ kind: 'pyspy-dump', everySeconds: 1 });
    expect('cpuCount' in set).toBe(false);
  });

  it('gives a strace -c its time box, so a rate of failures can be read', () => {
    const summary = source('t-c', { recipe: 'strace-summary', pid: PID, seconds: 3 });
    const models = {
      't-c': {
        parser: 'strace-summary',
        model: parseStraceSummary(readSharedFixture('strace-c-logging-loop.txt')),
        unparsedLines: 0,
        overlongLines: 0,
      },
    } satisfies Record<string, ParsedModel>;
    const set = captureSetOf({
      host: 'lab',
      connectionId: 'c1',
      pid: PID,
      tabs: [summary],
      models,
      cpuCount: 2,
    });
    expect(set.captures[0]).toMatchObject({ kind: 'strace-summary', tracedSeconds: 3 });
  });

  it("skips a live top's first screen (its %CPU covers no interval), not an ended one's", () => {
    const models = { 't-threads': topModel(readSharedFixture('seed000-top-H-p.txt'), 1) };
    const input = { host: 'lab', connectionId: 'c1', pid: PID, models, cpuCount: 2 };
    expect(captureSetOf({ ...input, tabs: [threads] }).captures).toEqual([]);
    const ended = { ...threads, ended: 'top exited (0)' };
    expect(captureSetOf({ ...input, tabs: [ended] }).captures).toHaveLength(1);
  });
});
