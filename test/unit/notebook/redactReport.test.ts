import { describe, expect, it } from 'vitest';
import type { NotebookItem } from '../../../shared/contract/notebook';
import { EXPORT_FORMATS, makeExport } from '../../../shared/notebook/exportFormats';
import {
  leftoverValues,
  planReportRedaction,
  redactReport,
  reportTexts,
} from '../../../shared/notebook/redactReport';
import { REF, reportInput, snapshotItem } from './reportFixture';

const TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const COOKIE = 'sess=9f8e7d6c5b4a39281706';
const STRACE = [
  `4101  10:41:02.000001 sendto(7, "GET /api/orders HTTP/1.1\\r\\nHost: pay.corp.example.com\\r\\nAuthorization: Bearer ${TOKEN}\\r\\nCookie: ${COOKIE}\\r\\n\\r\\n", 140, MSG_NOSIGNAL, NULL, 0) = 140 <0.000020>`,
  `4101  10:41:02.000301 connect(8, {sa_family=AF_INET, sin_port=htons(5432), sin_addr=inet_addr("10.20.30.40")}, 16) = -1 EINPROGRESS (Operation now in progress) <0.000031>`,
  `4101  10:41:02.000601 openat(AT_FDCWD, "/home/alice/.config/app.ini", O_RDONLY) = 3 <0.000011>`,
  '',
].join('\n');

const finding: NotebookItem = {
  type: 'finding',
  id: 'f_abcdefgh1',
  title: 'Calls to 10.20.30.40 hang',
  text: `alice@pay.corp.example.com saw it; token ${TOKEN}`,
  severity: 'warning',
  eventAt: '2026-12-06T10:41:02.000Z',
  createdAt: '2026-12-06T10:42:00.000Z',
  evidence: ['s_abcdefgh1'],
};
const snapshot = snapshotItem('strace', {
  source: { host: 'ops@10.20.30.40', pid: 4101, command: 'strace -f -p 4101', log: null },
});
const input = reportInput([snapshot, finding], STRACE, `Pinged 10.20.30.40 from /home/alice.\n`);
const PLANTED = [TOKEN, '9f8e7d6c5b4a39281706', '10.20.30.40', 'pay.corp.example.com', 'alice'];

describe('redaction of a whole export', () => {
  it('finds every planted value across notes, items and raw output', () => {
    const plan = planReportRedaction(input, {}, { userNames: ['ops'] });
    const values = plan.entries.map((entry) => entry.value);
    for (const planted of PLANTED) expect(values.join('\n')).toContain(planted);
    expect(values).toContain('ops');
  });

  it('leaves no planted value in any format, and one value keeps one placeholder', () => {
    const plan = planReportRedaction(input, {}, { userNames: ['ops'] });
    const ip = plan.entries.find((entry) => entry.value === '10.20.30.40')?.placeholder ?? '?';
    for (const kind of Object.keys(EXPORT_FORMATS)) {
      if (kind !== 'report' && kind !== 'post-mortem' && kind !== 'html') continue;
      const { text, name } = makeExport(kind, input, plan);
      for (const planted of PLANTED) expect(text, `${kind}: ${planted}`).not.toContain(planted);
      expect(name).not.toContain('10.20.30.40');
      // `<ip-1>` is escaped in both Markdown and HTML; the same number wherever the value was.
      expect(text).toContain(ip.replace('<', '&lt;').replace('>', '&gt;'));
    }
  });

  it('keeps the evidence joined to its snapshot and leaves ids alone', () => {
    const plan = planReportRedaction(input, {}, {});
    const redacted = redactReport(input, plan);
    const [first] = redacted.items;
    expect(first?.type === 'snapshot' && first.raw?.ref).toBe(REF);
    expect(redacted.evidence.get(REF)).toContain('Authorization: Bearer <secret-');
    expect(redacted.evidence.get(REF)).not.toContain(TOKEN);
    expect(redacted.items.map((item) => item.id)).toEqual(input.items.map((item) => item.id));
  });

  it('a kind switched off and a value kept are exported as they are', () => {
    const plan = planReportRedaction(input, { kinds: { ip: false } }, { keep: ['alice'] });
    const { text } = makeExport('report', input, plan);
    expect(text).toContain('10.20.30.40');
    expect(text).toContain('alice');
    expect(text).not.toContain(TOKEN);
  });

  it('refuses a file that still holds a value the plan replaces', () => {
    const plan = planReportRedaction(input, {}, {});
    expect(leftoverValues(`notes: ${TOKEN}`, plan)).toEqual([TOKEN]);
    // html-escaped and Markdown-escaped forms count as left too
    expect(leftoverValues('see /home/alice', plan).length).toBeGreaterThan(0);
    const unredacted = EXPORT_FORMATS.html.make(input, undefined);
    expect(leftoverValues(unredacted, plan).length).toBeGreaterThan(3);
    // a short name is left only as a whole word
    const opsPlan = planReportRedaction(reportInput([], '', 'ops'), {}, { userNames: ['ops'] });
    expect(leftoverValues('it stops', opsPlan)).toEqual([]);
    expect(leftoverValues('ask ops', opsPlan)).toEqual(['ops']);
  });

  it('reads every text of the report, snapshot model and view state included', () => {
    const withModel = reportInput([
      snapshotItem('strace', {
        capture: { kind: 'strace', unparsedLines: 0, data: { files: { '/home/bob/x': 1 } } },
        view: { search: 'bob' },
      }),
    ]);
    const texts = reportTexts(withModel);
    expect(texts).toContain('/home/bob/x');
    expect(texts).toContain('bob');
    const plan = planReportRedaction(withModel, {}, {});
    expect(JSON.stringify(redactReport(withModel, plan).items)).not.toContain('/home/bob');
  });
});
