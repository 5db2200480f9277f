import { describe, expect, it } from 'vitest';
import { SnapshotItem } from '../../../shared/contract/notebook';
import { htmlReport } from '../../../shared/notebook/htmlReport';
import { markdownReport } from '../../../shared/notebook/markdownReport';
import { EXPORT_FORMATS, makeExport } from '../../../shared/notebook/exportFormats';
import { planReportRedaction } from '../../../shared/notebook/redactReport';
import { reportInput, snapshotItem } from './reportFixture';

const record = {
  hops: [
    { address: 'ops@10.9.8.7', algorithm: 'ssh-ed25519', fingerprint: 'SHA256:edgeKEY' },
    { address: 'ops@[10.20.30.40]:2200', algorithm: 'ssh-ed25519', fingerprint: 'SHA256:dbKEY' },
  ],
  user: 'ops',
  uname: 'Linux db1 6.1.0-28-amd64 #1 SMP <b>x</b> x86_64 GNU/Linux',
  clock: { offsetSeconds: -1.25, uncertaintySeconds: 0.004 },
  recordedAt: '2026-12-06T10:00:00.000Z',
};
const snapshot = snapshotItem('text', {
  source: { host: 'db1', pid: null, command: null, log: null, connection: record },
});
const input = reportInput([snapshot], 'hello\n');

describe("a snapshot's connection record", () => {
  it('is kept by the snapshot schema (and a snapshot without one still reads)', () => {
    expect(SnapshotItem.parse(snapshot).source.connection).toEqual(record);
    const { connection: _gone, ...older } = snapshot.source;
    expect(SnapshotItem.parse({ ...snapshot, source: older }).source.connection).toBeUndefined();
  });

  it('is shown in the Markdown and HTML reports, host text kept inert', () => {
    const line =
      'ops@[10.20.30.40]:2200 SHA256:dbKEY · via ops@10.9.8.7 (SHA256:edgeKEY) · user ops';
    const markdown = markdownReport(input);
    // Markdown escapes brackets and parentheses, so a host's text cannot make a link.
    expect(markdown).toContain(
      'Connected to ops@\\[10.20.30.40\\]:2200 SHA256:dbKEY · via ops@10.9.8.7 \\(SHA256:edgeKEY\\) · user ops',
    );
    expect(markdown).toContain('clock -1.250 s ±0.004 s');
    expect(markdown).not.toContain('<b>');
    const html = htmlReport(input);
    expect(html).toContain(`Connected to ${line}`);
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('goes through the redaction preview: its addresses and user are replaced everywhere', () => {
    const plan = planReportRedaction(input, {}, { userNames: ['ops'] });
    const values = plan.entries.map((entry) => entry.value);
    expect(values).toEqual(expect.arrayContaining(['10.9.8.7', '10.20.30.40', 'ops']));
    for (const kind of ['report', 'html'] as const) {
      expect(EXPORT_FORMATS[kind]).toBeDefined();
      const { text } = makeExport(kind, input, plan);
      expect(text).toContain('SHA256:dbKEY');
      for (const value of ['10.9.8.7', '10.20.30.40']) expect(text).not.toContain(value);
    }
  });
});
