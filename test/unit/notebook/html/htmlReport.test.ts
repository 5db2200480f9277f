import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PARSER_KINDS } from '../../../../shared/captures/captureKinds';
import type { NotebookItem } from '../../../../shared/contract/notebook';
import { text } from '../../../../shared/notebook/html/htmlText';
import { htmlReport } from '../../../../shared/notebook/htmlReport';
import { readSharedFixture } from '../../fixturePath';
import { reportInput, snapshotItem } from '../reportFixture';

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "javascript:alert('x')",
  '\u001b[31mred\u001b[0m\u0007\u0000\u009b',
  `${'A'.repeat(200_000)}`,
].join(' ');

/** C0 (but newline), DEL and C1 characters: a terminal would act on them. */
const isControl = (c: string): boolean => {
  const code = c.charCodeAt(0);
  return (code < 0x20 && c !== '\n') || (code >= 0x7f && code < 0xa0);
};

/**
 * What would run or load in a browser: a script element, an event handler, a script URL. Text
 * has every `<` escaped, so each `<` of the output opens a tag the report wrote: their attributes
 * are checked (" onerror=" shown as text is harmless).
 */
function assertInert(html: string): void {
  expect(html).not.toMatch(/<script/i);
  for (const [tag] of html.matchAll(/<[^>]*>/g)) {
    expect(tag).not.toMatch(/\son[a-z]*\s*=/i);
    expect(tag).not.toMatch(/javascript:/i);
    expect(tag).not.toMatch(
      // The report's own tags, and what Markdown notes render to (markdown-it, raw HTML off).
      /<(?!\/?(?:!DOCTYPE|html|head|meta|title|style|body|h[1-6]|p|pre|table|caption|thead|tbody|tr|th|td|ul|ol|li|strong|em|s|code|a|blockquote|hr|br|span|div|section|details|summary|svg|g|rect|text)[\s>/])/i,
    );
  }
  expect([...html].filter(isControl)).toEqual([]);
}

const finding = (title: string, textOf: string): NotebookItem => ({
  type: 'finding',
  id: 'f_abcdefgh1',
  title,
  text: textOf,
  severity: 'critical',
  eventAt: '2026-12-06T10:05:00.000Z',
  createdAt: '2026-12-06T10:15:00.000Z',
  evidence: ['s_abcdefgh1'],
});

const action = (textOf: string, owner: string): NotebookItem => ({
  type: 'action',
  id: 'a_abcdefgh1',
  text: textOf,
  owner,
  done: false,
  createdAt: '2026-12-06T10:16:00.000Z',
});

describe('the HTML report', () => {
  it('is one document with a strict CSP, no script, the Markdown report’s sections in order', () => {
    const top = readSharedFixture('top-b-H-p-gil-threads.txt');
    const html = htmlReport(
      reportInput(
        [
          snapshotItem('top'),
          finding('One core saturated', ''),
          action('Move to processes', 'ops'),
        ],
        top,
        '# Notes',
      ),
    );
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    const sections = [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(sections).toEqual(['Notes', 'Timeline', 'Findings', 'Action items', 'Snapshots']);
    expect(html).toContain(
      'Started 2026-12-06 10:00:00, last changed 2026-12-06 10:20:00 · 1 snapshots, 1 findings, 1 action items.',
    );
    expect(html).toMatch(
      /<td>10:05:00<\/td><td><\/td><td>finding \(critical\): One core saturated<\/td>/,
    );
    expect(html).toContain('Evidence: top snapshot');
    expect(html).toContain('<li>☐ Move to processes (ops)</li>');
    assertInert(html);
  });

  it('keeps hostile text from hosts and notes inert and bounded', () => {
    const raw = `${readSharedFixture('top-b-H-p-gil-threads.txt').replace(/python3/g, HOSTILE)}\n`;
    const item = snapshotItem('top', {
      title: HOSTILE.slice(0, 200),
      hostTime: '<b>10:00</b>',
      source: { host: HOSTILE, pid: 11747, command: HOSTILE, log: null },
    });
    const html = htmlReport(
      reportInput(
        [item, finding(HOSTILE.slice(0, 200), HOSTILE), action(HOSTILE, HOSTILE)],
        raw,
        HOSTILE,
      ),
    );
    assertInert(html);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('^[[31mred');
    // Every line of 200 000 characters is clipped: the report stays far smaller than its input.
    expect(html.length).toBeLessThan(200_000);
  });

  it('renders the notes as Markdown below its own heading, with nothing active in them', () => {
    const notes = [
      '# Seed 000',
      '',
      'One **core** saturated; see `top -H`.',
      '',
      '- pool of 4',
      '- [a link](https://example.com/runbook) and [a trap](javascript:alert(1))',
      '',
      '<img src=x onerror=alert(1)> ![graph](https://example.com/g.png)',
      '',
      '```',
      'py-spy dump --pid 4101',
      '```',
      // Found by the property test below: control characters around a tab.
      '\u0000\t\u0000',
      '\tindented by a tab',
    ].join('\n');
    const html = htmlReport(reportInput([], '', notes));
    assertInert(html);
    expect(html).toContain('<h3>Seed 000</h3>');
    expect(html).toContain('One <strong>core</strong> saturated; see <code>top -H</code>.');
    expect(html).toContain('<li>pool of 4</li>');
    expect(html).toContain('<a href="https://example.com/runbook" rel="noreferrer noopener">');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('[image: graph]');
    expect(html).not.toContain('example.com/g.png');
    expect(html).toContain('<pre><code>py-spy dump --pid 4101\n</code></pre>');
  });

  it('says how many rows a table left out', () => {
    const header = readSharedFixture('top-b-H-p-gil-threads.txt')
      .split('\n')
      .slice(0, 7)
      .join('\n');
    const rows = Array.from(
      { length: 80 },
      (_, i) =>
        `${20000 + i} root      20   0  313884  13036   8720 S   1.0   0.1   0:00.01 python3`,
    );
    const html = htmlReport(reportInput([snapshotItem('top')], `${header}\n${rows.join('\n')}\n`));
    expect(html).toContain('… 30 more rows left out of this report.');
  });

  it('escapes all five HTML specials and shows control characters', () => {
    expect(text(`<a href="x" title='y'>&</a>\u0000\u001b`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;^@^[',
    );
  });

  it('no input of any kind produces a script, an event handler or a javascript: URL', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom(
        '<script>',
        '<SCRIPT src=x>',
        ' onload=',
        '" onerror="',
        'javascript:',
        'JaVaScRiPt:',
        '\u001b]8;;javascript:x\u0007',
      ),
    );
    const lines = fc.array(
      fc.array(hostile, { maxLength: 6 }).map((p) => p.join(' ')),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...PARSER_KINDS),
        lines,
        hostile,
        hostile,
        (kind, rawLines, title, notes) => {
          const item = snapshotItem(kind, {
            title: `t${title}`.slice(0, 200),
            source: { host: title, pid: 1, command: notes, log: null },
          });
          const html = htmlReport(
            reportInput(
              [item, finding(`f${title}`.slice(0, 200), notes)],
              rawLines.join('\n'),
              notes,
            ),
          );
          assertInert(html);
        },
      ),
      { numRuns: 150 },
    );
    // 150 reports of every kind: more than the default 5 s on a shared 2-core machine.
  }, 60_000);
});
