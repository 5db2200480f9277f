import { describe, expect, it } from 'vitest';
import { diagnose, type EvidenceRef } from '../../../shared/diagnosis';
import { evidenceText, frameWords } from '../../../renderer/features/insights/evidenceText';
import { readLocalFixture } from '../fixturePath';
import { dumpCapture, psCapture, setOf, ssCapture } from '../diagnosis/captures';

describe('evidence links name frames by function and file:line', () => {
  it("seed 002's event-loop finding links to search (app.py:40), not to a frame index", () => {
    const capture = dumpCapture(readLocalFixture('diagnosis', 'pyspy-seed002-full-3.txt'));
    const [first] = diagnose(setOf(16292, [capture]));
    const texts = (first?.evidence ?? []).map((ref) => evidenceText(ref, [capture]));
    expect(texts).toContain('thread 16292 · search (app.py:40), dump 1');
    expect(texts).toContain('thread 16292 · read (httpcore/backends/sync.py:28), dump 1');
    expect(texts.join('\n')).not.toMatch(/frame \d/);
  });

  it('gunicorn calling itself: the socket by its addresses, the listener with its queue', () => {
    const captures = [
      dumpCapture(readLocalFixture('diagnosis', 'pyspy-gunicorn-selfcall-3.txt')),
      ssCapture(readLocalFixture('diagnosis', 'ss-tanp-gunicorn-selfcall.txt')),
      psCapture(readLocalFixture('diagnosis', 'ps-gunicorn-selfcall.txt')),
    ];
    const [first] = diagnose(setOf(30841, captures));
    const texts = (first?.evidence ?? []).map((ref) => evidenceText(ref, captures));
    expect(texts).toContainEqual(expect.stringMatching(/^127\.0\.0\.1:\d+ → 127\.0\.0\.1:18404$/));
    expect(texts).toContainEqual(expect.stringMatching(/^listening 127\.0\.0\.1:18404, 1 queued$/));
    expect(texts.join('\n')).not.toMatch(/socket \d|listener \d/);
  });

  it('a thread by its innermost Python frame', () => {
    const capture = dumpCapture(readLocalFixture('diagnosis', 'pyspy-seed002-full-3.txt'));
    const ref: EvidenceRef = {
      kind: 'thread',
      capture: capture.id,
      dump: 1,
      threadId: '16292',
      tid: 16292,
    };
    expect(evidenceText(ref, [capture])).toBe(
      'thread 16292 · load_ssl_context_verify (httpx/_config.py:145), dump 2',
    );
    expect(evidenceText(ref, [])).toBe('thread 16292, dump 2');
  });

  it('a reference whose capture is gone keeps its index', () => {
    const ref: EvidenceRef = {
      kind: 'frame',
      capture: 'closed',
      dump: 0,
      threadId: '0x7f00',
      tid: 12,
      frame: 3,
    };
    expect(evidenceText(ref, [])).toBe('thread 12 · frame 4, dump 1');
  });

  it('a hostile function or file name: control characters shown as ^X, clipped', () => {
    const words = frameWords({
      function: `evil\u001b[2J\nname${'x'.repeat(200)}`,
      file: '/srv/app/<b>bold</b>.py',
      line: 7,
    });
    expect(words).toContain('evil^[[2J^Jname');
    expect([...words].filter((c) => c.charCodeAt(0) < 0x20)).toEqual([]);
    expect(words.length).toBeLessThanOrEqual(60);
    expect(words.endsWith('…')).toBe(true);
  });

  it('a name with bidi controls: dropped, so the line reads as it is', () => {
    // U+202E would show "search (app.py:40)" as if it read backwards from there on.
    const words = frameWords({ function: 'cod\u202egnp.exe\u2066x\u2069', file: 'a.py', line: 1 });
    expect(words).toBe('codgnp.exex (a.py:1)');
  });
});
