import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParserKind } from '../../../../shared/captures/captureKinds';
import { RECORD_DATA_MARKER } from '../../../../shared/captures/recipes';
import { htmlReport } from '../../../../shared/notebook/htmlReport';
import { localFixture, readSharedFixture } from '../../fixturePath';
import { reportInput, snapshotItem } from '../reportFixture';

const local = (...parts: string[]): string => readFileSync(localFixture(...parts), 'utf8');

/** The snapshots section of a report of one snapshot of `kind` over `raw`. */
function view(kind: ParserKind, raw: string, pid: number | null = null, view = {}): string {
  const item = snapshotItem(kind, {
    source: { host: 'lab', pid, command: null, log: null },
    view,
  });
  const html = htmlReport(reportInput([item], raw));
  return html.slice(html.indexOf('<h2>Snapshots</h2>'));
}

/** The text of the table rows, cells joined by `|`, tags out. */
const rows = (html: string): string[] =>
  [...html.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((m) =>
    (m[1] ?? '').replace(/<\/t[dh]><t[dh][^>]*>/g, '|').replace(/<[^>]+>/g, ''),
  );

describe('report views rebuilt from raw output', () => {
  it('top -H: threads busiest first, the process-total row as Σ', () => {
    const html = view('top', readSharedFixture('top-b-H-p-gil-threads.txt'), 11747);
    const r = rows(html);
    expect(r[0]).toBe('TID|%CPU|S|TIME+|user|command');
    // The last frame, as the live view shows it; 11747's TIME+ is the sum of the others'.
    expect(r[1]).toBe('Σ 11747|99.9|S|0:04.34|root|python3 (whole process)');
    expect(r[2]).toBe('11752|27.0|S|0:01.07|root|python3');
    expect(r[5]).toBe('11749|23.0|S|0:01.05|root|python3');
    expect(html).toContain('busiest python3 (11752) at 27.0%');
  });

  it('py-spy dump: threads grouped by stack, biggest group first, with readings', () => {
    const html = view('pyspy-dump', readSharedFixture('pyspy-dump-uvicorn-to-thread.txt'));
    const groups = [...html.matchAll(/<div class="stack-group[^"]*"><h5>([^<]*)<\/h5>/g)].map(
      (m) => m[1],
    );
    expect(groups.length).toBeGreaterThan(1);
    // 7 threads: the busy to_thread workers first, the idle event loop threads last.
    expect(groups[0]).toMatch(/^\d+ threads? · active/);
    expect(groups[groups.length - 1]).toMatch(/· idle/);
    expect(html).toContain('concurrent/futures/thread.py');
    expect(html).toContain('<ul class="readings">');
  });

  it('gdb py-bt: the same stacks view', () => {
    const html = view('gdb-pybt', readSharedFixture('gdb-py-bt-gil-threads.txt'));
    expect(html).toMatch(/<div class="stack-group[^"]*"><h5>\d+ threads? · /);
  });

  it('strace: calls per syscall, most first, and the errors table', () => {
    const html = view('strace', readSharedFixture('strace-f-tt-T-logging-loop.txt'));
    expect(html).toContain('<caption>Calls per syscall</caption>');
    const calls = rows(html.slice(html.indexOf('Calls per syscall'), html.indexOf('</table>')));
    const counts = calls.slice(1).map((r) => Number((r.split('|')[1] ?? '').replace(/ /g, '')));
    expect(counts.length).toBeGreaterThan(1);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    expect(html).toMatch(/<caption>Errors<\/caption>|No call failed\./);
  });

  it('strace -c: its table with the total row', () => {
    const html = view('strace-summary', readSharedFixture('strace-c-logging-loop.txt'));
    expect(html).toContain('<caption>strace -c</caption>');
    expect(html).toMatch(/<tr class="total">.*total/);
  });

  it('ps, ss: tables', () => {
    expect(view('ps', local('ps', 'ps-aux.txt'))).toMatch(
      /<caption>ps: \d+ processes, busiest first/,
    );
    const ss = view('ss', local('ss', 'ss-tanp.txt'));
    expect(ss).toContain('<caption>Sockets by state</caption>');
    expect(rows(ss).some((r) => r.startsWith('ESTAB|'))).toBe(true);
  });

  it('nginx: upstream latency and statuses; error kinds', () => {
    const access = view('nginx-access', local('nginx', 'lab-access-combined.log'));
    expect(access).toContain('<caption>Statuses</caption>');
    expect(access).toContain('<caption>Upstream latency</caption>');
    expect(view('nginx-error', local('nginx', 'lab-error.log'))).toContain(
      '<caption>Errors by kind</caption>',
    );
  });

  it('collapsed: an SVG icicle whose rects have titles, and the top functions', () => {
    const html = view('collapsed', local('collapsed', 'raw-seed000.txt'), null, {
      parserOptions: { ungated: true },
    });
    expect(html).toMatch(/<svg class="icicle"[^>]*>/);
    expect(html).toMatch(
      /<g><title>_run_module_as_main \(&lt;frozen runpy&gt;:198\) — \d+ samples, [\d.]+%<\/title><rect /,
    );
    expect(html).toContain('<caption>Top functions by self samples</caption>');
  });

  it('a recording: the stacks after the marker line', () => {
    const stacks = local('collapsed', 'raw-seed000.txt');
    const recording = `py-spy> Sampling process 100 times a second\n${RECORD_DATA_MARKER}\n${stacks}`;
    const html = view('collapsed', recording);
    expect(html).toMatch(/<rect /);
    expect(html).not.toMatch(/<title>py-spy&gt;/);
  });

  it('full-screen tools are quoted, and the report says why', () => {
    const html = view(
      'pyspy-top-screen',
      readSharedFixture('pyspy-top-tty-gil-threads.typescript'),
    );
    expect(html).toContain('read from a terminal screen, which a report cannot replay');
    expect(html).toContain('<pre class="raw">');
    expect(html).not.toContain('\u001b');
  });

  it('interactive top (its screen option) is quoted too', () => {
    const html = view('top', local('top', 'pty-H-p-spin.txt'), null, {
      parserOptions: { screen: true },
    });
    expect(html).toContain('read from a terminal screen, which a report cannot replay');
    expect(html).not.toContain('<caption>Threads');
  });

  it('says when the raw output is missing', () => {
    const item = snapshotItem('top');
    const html = htmlReport({ ...reportInput([item]), evidence: new Map() });
    expect(html).toContain('Its raw output is missing from this export.');
  });
});
