import { describe, expect, it } from 'vitest';
import { parsePySpyTopScreen } from '../../../shared/parsers/pyspy/index';
import { ScreenParser } from '../../../renderer/workers/screenParser';
import { readLocalFixture, readSharedFixture } from '../fixturePath';

/** seed 000's py-spy top as pasted by its author: `\n` line ends, a 150-column header row. */
const PASTED = readSharedFixture('seed000-pyspy-top-and-dump.txt');

async function screenOf(text: string, savedText: boolean, chunk = text.length) {
  const parser = new ScreenParser(parsePySpyTopScreen, { savedText });
  for (let i = 0; i < text.length; i += chunk) parser.push(text.slice(i, i + chunk));
  parser.end();
  await parser.settled();
  return parser.snapshot();
}

describe('ScreenParser (py-spy top through a headless xterm.js)', () => {
  it('shows what was written only once xterm.js has parsed it', async () => {
    const parser = new ScreenParser(parsePySpyTopScreen, { savedText: true });
    parser.push(PASTED);
    expect(parser.snapshot().hasTable).toBe(false); // xterm.js writes asynchronously
    await parser.settled();
    expect(parser.snapshot()).toMatchObject({ totalSamples: 1009, threads: 23 });
  });

  it('pasted text, \\n or \\r\\n, in any chunking: every row, none wrapped away', async () => {
    for (const text of [PASTED, PASTED.replace(/\n/g, '\r\n')])
      for (const chunk of [text.length, 1000, 7]) {
        const model = await screenOf(text, true, chunk);
        expect(model).toMatchObject({ totalSamples: 1009, gilPercent: 100, threads: 23 });
        expect(model.rows.map((r) => r.function)).toEqual([
          '_worker',
          '_run',
          '_deliver_cancellation',
          'recv_into',
          '_run_safe_shutdown_loop',
          '_run_once',
          '_call_soon',
        ]);
        expect(model.rows[0]).toMatchObject({ ownPercent: 255.56, truncated: false });
      }
  });

  it('a line wider than any screen is still one row', async () => {
    const wide = PASTED.replace('_worker (', `_worker${'_'.repeat(400)} (`);
    const model = await screenOf(wide, true);
    expect(model.rows[0]?.function).toBe(`_worker${'_'.repeat(400)}`);
    expect(model.rows[0]?.file).toBe('concurrent/futures/thread.py');
  });

  it('a terminal recording (script) gives its last screen, saved or live', async () => {
    const recorded = readLocalFixture('pyspy', 'top-seed000.typescript');
    for (const savedText of [true, false]) {
      const model = await screenOf(recorded, savedText, 4096);
      expect(model).toMatchObject({ totalSamples: 100, threads: 21, gilPercent: 46.67 });
      expect(model.warning).toMatch(/^2\.47s behind in sampling/);
      expect(model.rows).toHaveLength(15);
      expect(model.rows[0]).toMatchObject({ function: 'summarize', ownPercent: 715.56 });
    }
  });
});
