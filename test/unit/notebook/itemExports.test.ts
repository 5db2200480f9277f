import { describe, expect, it } from 'vitest';
import { eventLine, headerLine, parseCast } from '../../../shared/captureLog/asciicast';
import { outputToLineEnds } from '../../../shared/captureLog/castLines';
import type { NotebookItem } from '../../../shared/contract/notebook';
import { fromSpeedscope } from '../../../shared/parsers/collapsed/speedscope';
import { parseCollapsed } from '../../../shared/parsers/collapsed/collapsedParser';
import { makeExport } from '../../../shared/notebook/exportFormats';
import { itemTexts, planReportRedaction, scopePlan } from '../../../shared/notebook/redactReport';
import { investigation, REF, snapshotItem } from './reportFixture';

const TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const CAST_REF = `sha256-${'c'.repeat(64)}`;

const COLLAPSED = [
  'main (/home/alice/app/server.py:10);handle (/home/alice/app/server.py:42);summarize (/home/alice/app/stats.py:49) 70',
  'main (/home/alice/app/server.py:10);idle (threading.py:320) 30',
  '',
].join('\n');

const flame = snapshotItem('collapsed', {
  title: 'py-spy record of 4101',
  capture: { kind: 'collapsed', unparsedLines: 0, data: { collapsed: COLLAPSED, stacks: 2 } },
  raw: null,
});

const recording: NotebookItem = {
  type: 'recording',
  id: 'r_abcdefgh1',
  title: 'shell on alice@db7.corp.example.com',
  host: 'db7 (alice@10.20.30.40:22)',
  terminalId: 't_abcdefgh1',
  eventAt: '2026-12-06T10:10:00.000Z',
  seconds: 3,
  keptAt: '2026-12-06T10:10:40.000Z',
  recording: { ref: CAST_REF, bytes: 1000 },
};

/** A shell session whose output carries a token cut across three events, as SSH may cut it. */
const CAST = [
  headerLine({
    version: 2,
    width: 120,
    height: 30,
    timestamp: 1_796_000_000,
    command: 'ssh alice@10.20.30.40',
    workbench: { host: 'alice@10.20.30.40', bytes: 'surrogateescape' },
  }),
  eventLine(0.1, 'o', '$ curl -H "Authorization: Bearer ghp_16C7e4'),
  eventLine(0.2, 'o', '2F292c6912E7710c83'),
  eventLine(0.3, 'o', '8347Ae178B4a" https://api/\r\n'),
  eventLine(0.4, 'r', '100x40'),
  eventLine(0.5, 'o', 'cat /home/alice/notes\r\n'),
].join('');

const input = investigation([flame, recording], 'notes', new Map([[REF, '']]));
const withCast = { ...input, recordings: new Map([[CAST_REF, CAST]]) };

describe('exports of one item', () => {
  it('merges output to line ends, keeping the order of other events and the first time', () => {
    const { events } = parseCast(CAST);
    const merged = outputToLineEnds(events);
    expect(merged.map(([at, code]) => `${at}${code}`)).toEqual(['0.1o', '0.4r', '0.5o']);
    expect(merged[0]?.[2]).toContain(TOKEN);
  });

  it('an asciicast of a recording leaves no redacted value, even one cut across events', () => {
    const plan = planReportRedaction(withCast, {}, { userNames: ['alice'] });
    expect(plan.entries.map((e) => e.value)).toContain(TOKEN);
    const { name, text } = makeExport('asciicast', withCast, plan, recording.id);
    for (const planted of [TOKEN, '10.20.30.40', 'alice', 'db7.corp.example.com'])
      expect(text, planted).not.toContain(planted);
    expect(name).toMatch(/\.cast$/);
    expect(name).not.toContain('alice');
    // Still a recording a player reads: the header, three events in order, nothing lost.
    const back = parseCast(text);
    expect(back.badLines).toBe(0);
    expect(back.header?.width).toBe(120);
    expect(back.events.map(([, code]) => code)).toEqual(['o', 'r', 'o']);
    expect(back.events[0]?.[2]).toMatch(/Bearer <secret-\d+>" https/);
  });

  it('collapsed stacks and speedscope of a flame snapshot are redacted and still parse', () => {
    const plan = planReportRedaction(input, {}, {});
    const collapsed = makeExport('collapsed', input, plan, flame.id);
    expect(collapsed.text).not.toContain('/home/alice');
    expect(collapsed.name).toBe('py-spy-record-of-4101.collapsed.txt');
    const stacks = parseCollapsed(collapsed.text);
    expect(stacks.unparsedLines).toBe(0);
    expect(stacks.samples.totalWeight).toBe(100);

    const speedscope = makeExport('speedscope', input, plan, flame.id);
    expect(speedscope.text).not.toContain('alice');
    const file = fromSpeedscope(JSON.parse(speedscope.text));
    expect(file.ok).toBe(true);
    if (file.ok) expect(file.value.profiles[0]?.samples.totalWeight).toBe(100);
  });

  it('counts, for the file of one item, only the values that file holds', () => {
    const notes = { ...withCast, notes: 'Paged by bob@pager.example.net' };
    const plan = planReportRedaction(notes, {}, { userNames: ['alice'] });
    const inNotes = plan.entries.find((e) => e.value.includes('pager.example.net'));
    expect(inNotes?.count).toBeGreaterThan(0);
    const scoped = scopePlan(plan, itemTexts(notes, recording));
    const count = (value: string) => scoped.entries.find((e) => e.value === value)?.count;
    expect(count(inNotes?.value ?? '?')).toBe(0);
    expect(count(TOKEN)).toBe(1);
    // Same values, same placeholders: only the counts are the file's own.
    expect(scoped.entries.map((e) => e.placeholder)).toEqual(
      plan.entries.map((e) => e.placeholder),
    );
  });

  it('refuses an item of the wrong kind, or none', () => {
    const plan = planReportRedaction(input, {}, {});
    expect(() => makeExport('speedscope', input, plan, recording.id)).toThrow(/choose/);
    expect(() => makeExport('asciicast', input, plan, undefined)).toThrow(/choose/);
    expect(() => makeExport('asciicast', input, plan, recording.id)).toThrow(/not read/);
  });
});
