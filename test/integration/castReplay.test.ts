import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCast } from '../../shared/captureLog/asciicast';
import { CastOutput } from '../../shared/captureLog/castOutput';
import { recogniseCast } from '../../shared/parsers/recogniseCast';
import { TopStreamParser, type TopFrame } from '../../shared/parsers/top/index';
import { captureKind } from '../../shared/captures/captureKinds';
import { workerParserEnv } from '../../renderer/workers/parserEnv';
import { CollectingSink, labConnection, terminal } from './harness';

/**
 * Capture logs made by the app's own code against the lab's sshd, opened again: each is
 * recognised from its header (a capture's command) or from the command typed at a shell prompt,
 * and its output, decoded back to bytes, parses as the live terminal's did. With
 * WB_KEEP_CASTS=<folder> the logs are copied there (that is how test/fixtures/cast was made).
 */
const env = labConnection();

/** Waits for the log's end marker, keeps a copy if asked, and returns its text. */
async function finishedLog(path: string, keepAs: string): Promise<string> {
  let text = '';
  await expect
    .poll(
      () => {
        text = readFileSync(path, 'utf8');
        return parseCast(text).events.at(-1)?.[1];
      },
      { timeout: 10_000 },
    )
    .toBe('m');
  const keep = process.env['WB_KEEP_CASTS'];
  if (keep) {
    mkdirSync(keep, { recursive: true });
    copyFileSync(path, join(keep, keepAs));
    console.log(`kept ${basename(path)} as ${join(keep, keepAs)}`);
  }
  return text;
}

/** The recorded output as the parse worker reads it: file text → output bytes → text. */
function replayedText(castText: string, skipBytes: number, chunk = 4096): string {
  const reader = new CastOutput(skipBytes);
  const decoder = new TextDecoder('utf-8');
  let out = '';
  for (let i = 0; i < castText.length; i += chunk)
    for (const bytes of reader.push(castText.slice(i, i + chunk)))
      out += decoder.decode(bytes, { stream: true });
  for (const bytes of reader.end()) out += decoder.decode(bytes, { stream: true });
  return out;
}

describe('capture logs opened again (replayed into the parser of the tool they recorded)', () => {
  it('a top capture: recognised by the command in its header, every frame parsed', async () => {
    const info = await env.bench.workbench.handlers['capture.start']({
      connectionId: env.connectionId,
      params: { recipe: 'host-overview', intervalSeconds: 1 },
      cols: 120,
      rows: 40,
    });
    const session = terminal(env.bench.workbench, info.terminalId);
    const sink = new CollectingSink(session);
    session.attach(sink);
    await sink.waitFor(/(top - \d[\s\S]*){3}/, 20_000);
    env.bench.workbench.handlers['terminal.close']({ terminalId: info.terminalId });
    const text = await finishedLog(info.logPath ?? '', 'app-capture-top.cast');

    const cast = recogniseCast(text);
    expect(cast?.header.command).toBe(info.command);
    expect(cast?.tool).toMatchObject({ parser: 'top', label: 'top', screen: false, skipBytes: 0 });
    const parser = new TopStreamParser();
    const frames: TopFrame[] = [
      ...parser.push(replayedText(text, cast?.tool?.skipBytes ?? 0)),
      ...parser.end(),
    ];
    expect(frames.length).toBeGreaterThanOrEqual(3);
    for (const frame of frames) expect(frame.rows.length).toBeGreaterThan(3);
    // The last frame may be cut mid-line by the tab's closing; the others are whole.
    for (const frame of frames.slice(0, -1)) expect(frame.unparsedLines).toBe(0);
    // sshd is in every whole frame: the lab's own (the last may be cut before its row).
    for (const frame of frames.slice(0, -1))
      expect(frame.rows.map((r) => r.command).join(' ')).toMatch(/(^| )sshd/);
  });

  it('a shell where interactive top was typed: recognised from the typed line, its screen parsed', async () => {
    const info = await env.bench.workbench.handlers['terminal.openShell']({
      connectionId: env.connectionId,
      cols: 120,
      rows: 40,
    });
    const session = terminal(env.bench.workbench, info.terminalId);
    const sink = new CollectingSink(session);
    session.attach(sink);
    session.receive({ t: 'input', data: 'echo ready-$((6*7))\n' });
    await sink.waitFor(/ready-42/);
    session.receive({ t: 'input', data: 'LC_ALL=C top -d 0.5\n' });
    await sink.waitFor(/(Tasks:[\s\S]*){3}/, 45_000);
    // `exit` typed while top still runs would be read by top as its own commands (e, x, i, t):
    // wait for the shell's prompt to end the output before typing it.
    session.receive({ t: 'input', data: 'q' });
    await expect.poll(() => /[#$] $/.test(sink.text()), { timeout: 20_000 }).toBe(true);
    session.receive({ t: 'input', data: 'exit\n' });
    const text = await finishedLog(info.logPath ?? '', 'app-shell-top.cast');

    const cast = recogniseCast(text);
    expect(cast?.header.command).toBeUndefined();
    expect(cast?.tool).toMatchObject({ parser: 'top', label: 'top', screen: true });
    const skipBytes = cast?.tool?.skipBytes ?? 0;
    const replayed = replayedText(text, skipBytes);
    // What was printed before the command ran is left out; top's screen is what follows.
    expect(replayedText(text, 0).length).toBeGreaterThan(replayed.length);
    expect(replayed).not.toContain('ready-42');
    expect(replayed).toContain('Tasks:');

    const screen = captureKind('top').create({ screen: true }, workerParserEnv);
    screen.push(replayed);
    screen.end();
    await screen.settled?.();
    const frame = screen.snapshot().frame;
    expect(frame?.rows.length).toBeGreaterThan(3);
    expect(frame?.summary.tasks?.total).toBeGreaterThan(3);
  });
});
