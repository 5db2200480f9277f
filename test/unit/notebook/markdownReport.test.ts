import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NotebookItem } from '../../../shared/contract/notebook';
import { inertMarkdown, markdownReport, postMortem } from '../../../shared/notebook/markdownReport';
import { mdCodeBlock, mdInline } from '../../../shared/notebook/markdownText';
import { readSharedFixture } from '../fixturePath';
import { investigation } from './reportFixture';

const REF = `sha256-${'a'.repeat(64)}`;
const snapshot = (
  over: Partial<Extract<NotebookItem, { type: 'snapshot' }>> = {},
): NotebookItem => ({
  type: 'snapshot',
  id: 's_abcdefgh1',
  title: 'threads · python3 11576',
  eventAt: '2026-12-06T10:10:36.000Z',
  pinnedAt: '2026-12-06T10:10:40.000Z',
  hostTime: '10:10:35',
  source: { host: 'lab', pid: 11576, command: 'top -b -H -p 11576', log: null },
  capture: { kind: 'top', unparsedLines: 0, data: {} },
  view: {},
  raw: { ref: REF, bytes: 10 },
  ...over,
});

const input = investigation;

describe('the Markdown report', () => {
  it('orders the timeline by when things happened, quotes the end of the raw output', () => {
    const top = readSharedFixture('top-b-H-p-gil-threads.txt');
    const finding: NotebookItem = {
      type: 'finding',
      id: 'f_abcdefgh1',
      title: 'One core saturated',
      text: '',
      severity: 'critical',
      eventAt: '2026-12-06T10:05:00.000Z',
      createdAt: '2026-12-06T10:15:00.000Z',
      evidence: ['s_abcdefgh1'],
    };
    const report = markdownReport(input([snapshot(), finding], '# Notes', new Map([[REF, top]])));
    const timeline = report.slice(report.indexOf('## Timeline'), report.indexOf('## Findings'));
    expect(timeline.indexOf('One core saturated')).toBeLessThan(timeline.indexOf('threads'));
    expect(timeline).toContain('| 10:10:36 | 10:10:35 |');
    expect(report).toContain('Evidence: threads · python3 11576');
    const lastLine = top.trimEnd().split('\n').at(-1) ?? '';
    expect(report).toContain(lastLine);
    expect(postMortem(input([snapshot(), finding]))).toMatch(
      /## Root cause\n\n- \*\*One core saturated\*\*/,
    );
  });

  it('says when a snapshot kept no raw output, or its output is not in the export', () => {
    expect(markdownReport(input([snapshot({ raw: null })]))).toContain('_No raw output was kept._');
    expect(markdownReport(input([snapshot()]))).toContain('missing from this export');
  });

  it('keeps hostile text inert: tags in notes and titles, backticks in output', () => {
    const hostile = snapshot({ title: '<img src=x onerror=alert(1)> [x](javascript:1)' });
    const raw = 'line ``` fence\n<script>alert(1)</script>\n';
    const report = markdownReport(
      input([hostile], 'ok <script>alert(2)</script> `<b>` kept', new Map([[REF, raw]])),
    );
    expect(report).not.toMatch(/<img|<script>alert\(2\)|\]\(javascript/);
    expect(report).toContain('`<b>` kept');
    // The quoted output sits in a fence longer than its own backticks.
    expect(report).toContain('````text\nline ``` fence\n<script>alert(1)</script>\n````');
  });

  it('never lets inline text open a tag, a link or a fence, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const md = mdInline(text);
        expect(md).not.toMatch(/<|(?<!\\)\[|\n/);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        const block = mdCodeBlock(text);
        const fence = block.split('\n')[0]?.replace('text', '') ?? '';
        // The body never holds a line that closes the fence early.
        const body = block.split('\n').slice(1, -2);
        expect(body.some((line) => line.startsWith(fence))).toBe(false);
      }),
    );
    expect(inertMarkdown('```\n<b>\n```\n<b>')).toBe('```\n<b>\n```\n&lt;b>');
  });
});
