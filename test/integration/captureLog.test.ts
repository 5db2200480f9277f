import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputBytes, parseCast } from '../../shared/captureLog/asciicast';
import { FlowControl } from '../../shared/contract/index';
import { shellQuote } from '../../shared/util/shellQuote';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { attachCollector, CollectingSink, terminal, TestWorkbench } from './harness';

let lab: LabSshd;
let bench: TestWorkbench;
let connectionId: string;

beforeAll(async () => {
  lab = await startLabSshd();
  bench = new TestWorkbench();
  connectionId = (await bench.connectLab(lab)).connectionId;
});
afterAll(async () => {
  await bench?.dispose();
  await lab?.stop();
});

/** Waits until the log has its closing marker (it is written after the terminal's exit). */
async function finishedLog(path: string): Promise<ReturnType<typeof parseCast>> {
  let cast = parseCast('');
  await expect
    .poll(
      () => {
        cast = parseCast(readFileSync(path, 'utf8'));
        return cast.events.at(-1)?.[1];
      },
      { timeout: 10_000 },
    )
    .toBe('m');
  return cast;
}

describe('capture log (asciicast v2 on disk)', () => {
  it('keeps every byte of output, invalid UTF-8 and all, with resizes and how it ended', async () => {
    // Bytes a terminal really carries: not UTF-8, a character cut in two writes, a BOM, colour.
    const expected = Buffer.from([
      0xff, 0xfe, 0x20, 0xe2, 0x82, 0xac, 0x20, 0xef, 0xbb, 0xbf, 0x1b, 0x5b, 0x33, 0x31, 0x6d,
      0x72, 0x65, 0x64, 0x1b, 0x5b, 0x30, 0x6d, 0x0a, 0xe2, 0x82,
    ]);
    const octal = [...expected].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('');
    const info = await bench.workbench.terminals.open({
      connectionId,
      cols: 100,
      rows: 30,
      title: 'bytes',
      // -onlcr: the PTY passes \n as is; the sleep lets the resize land before the exit.
      command: `stty -onlcr; printf '${octal.slice(0, 80)}'; sleep 0.3; printf '${octal.slice(80)}'; sleep 0.5`,
    });
    expect(info.logPath).toMatch(/\.cast$/);
    const path = info.logPath ?? '';
    const session = terminal(bench.workbench, info.terminalId);
    session.attach(new CollectingSink(session));
    await new Promise((r) => setTimeout(r, 200));
    await bench.workbench.handlers['terminal.resize']({
      terminalId: info.terminalId,
      cols: 120,
      rows: 40,
    });
    const cast = await finishedLog(path);

    expect(cast.badLines).toBe(0);
    expect(cast.header).toMatchObject({ version: 2, width: 100, height: 30, title: 'bytes' });
    expect(cast.header?.command).toContain('printf');
    expect(cast.header?.workbench?.host).toBe(`${lab.user}@${lab.host}:${lab.port}`);
    expect(Buffer.from(outputBytes(cast.events))).toEqual(expected);
    expect(cast.events.filter((e) => e[1] === 'r').map((e) => e[2])).toEqual(['120x40']);
    expect(cast.events.at(-1)?.[2]).toBe('ended: exit code 0');
    const times = cast.events.map((e) => e[0]);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // The user's alone: the file 0600 in a folder 0700.
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);

    // asciinema itself reads it, and gives back the very bytes (it uses the same convention).
    // `asciinema cat` wants a terminal: script gives it one, -onlcr keeps \n as it is.
    const replayed = execFileSync('script', [
      '-qec',
      `stty -onlcr; asciinema cat ${shellQuote(path)}`,
      '/dev/null',
    ]);
    expect(replayed).toEqual(expected);
  });

  it('keeps what a shell printed but not what was typed into it', async () => {
    const info = await bench.workbench.handlers['terminal.openShell']({
      connectionId,
      cols: 80,
      rows: 24,
    });
    const { session, sink } = attachCollector(bench.workbench, info.terminalId);
    // At a prompt that does not echo (a password prompt), the typed text is not in the output.
    // The prompt is built by printf so that the echoed command line does not match it.
    session.receive({
      t: 'input',
      data: `read -rs -p "$(printf '%s%s' SEC RET:)" s; echo "got \${#s}"\n`,
    });
    await sink.waitFor(/SECRET:/);
    session.receive({ t: 'input', data: 'hunter2-not-logged\n' });
    await sink.waitFor(/got 18/);
    session.receive({ t: 'input', data: 'exit\n' });
    const cast = await finishedLog(info.logPath ?? '');
    const text = Buffer.from(outputBytes(cast.events)).toString('utf8');
    expect(text).toContain('got 18');
    expect(text).not.toContain('hunter2');
    expect(cast.events.some((e) => e[1] === 'i')).toBe(false);
  });

  it('closing a tab whose renderer stopped reading still ends the terminal and its log', async () => {
    const { info, session } = await bench.runCommand(connectionId, 'stalled', 'yes stalled-output');
    const sink = new CollectingSink(session, { keep: false });
    sink.acking = false; // a renderer that has stopped: flow control pauses the channel
    session.attach(sink);
    await expect
      .poll(() => sink.bytes, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(FlowControl.HIGH_WATERMARK_BYTES);
    session.detach(sink);
    expect(bench.workbench.handlers['terminal.close']({ terminalId: info.terminalId })).toEqual(
      expect.anything(),
    );
    // The paused channel drains into the log and ends: the log gets its end marker.
    const cast = await finishedLog(info.logPath ?? '');
    expect(cast.events.at(-1)?.[2]).toMatch(/^ended: /);
    const logged = Buffer.from(outputBytes(cast.events)).toString('latin1');
    expect(logged.length).toBeGreaterThanOrEqual(sink.bytes);
    expect(logged.startsWith('stalled-output\r\n')).toBe(true);
  });

  it('a disk that fills up mid-session stops the log, says so, and the terminal goes on', async (context) => {
    // A real full disk: a 64 KiB tmpfs mounted where this workbench keeps its logs (needs root
    // and mount; where they are missing the test says so and skips).
    const other = new TestWorkbench();
    const logDir = join(other.dataDir, 'captures');
    mkdirSync(logDir);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', logDir], { stdio: 'pipe' });
    } catch (error) {
      const reason = `SKIPPED: cannot mount a small tmpfs here (${String((error as Error).message).split('\n')[0]}); the full-disk case is not tested`;
      console.log(reason);
      await other.dispose();
      context.skip(reason);
      return;
    }
    try {
      const otherConnection = (await other.connectLab(lab)).connectionId;
      const { info, session } = await other.runCommand(
        otherConnection,
        'fills the disk',
        'stty -onlcr; head -c 1000000 /dev/zero | base64; echo DONE',
      );
      expect(info.logPath).toBeDefined();
      const sink = new CollectingSink(session, { keep: true });
      session.attach(sink);
      await sink.waitFor(/DONE/, 30_000);
      const failed = other.events.find(
        (e) =>
          e.name === 'terminal.onLogFailed' &&
          (e.payload as { terminalId: string }).terminalId === info.terminalId,
      );
      expect((failed?.payload as { message?: string } | undefined)?.message).toMatch(
        /^The capture log stopped: .*ENOSPC/,
      );
      // The terminal itself lost nothing.
      expect(sink.bytes).toBeGreaterThanOrEqual(Math.ceil(1_000_000 / 3) * 4);
    } finally {
      // Unmount before the folder is removed (rm would meet a busy mount point).
      await other.workbench.dispose();
      execFileSync('umount', ['-l', logDir]);
      await other.dispose();
    }
  });

  it('a log that cannot be written does not stop the terminal, and says so', async () => {
    const { TerminalManager } = await import('../../electron/node/terminals/terminalManager');
    // A file where the folder should be: mkdir fails (ENOTDIR), as on a full or read-only disk.
    const notAFolder = join(bench.dataDir, 'not-a-folder');
    writeFileSync(notAFolder, '');
    const manager = new TerminalManager(bench.workbench.connections, () => undefined, notAFolder);
    const info = await manager.open({
      connectionId,
      cols: 80,
      rows: 24,
      title: 't',
      command: 'true',
    });
    expect(info.logPath).toBeUndefined();
    expect(info.logError).toMatch(/^Not logged to disk: /);
    await manager.disposeAll();
  });
});
