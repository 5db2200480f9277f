// Liveness against the lab's real sshd: a connection whose sshd session dies reconnects with
// backoff; its terminals keep what they showed and mark the gap; a shell gets a new shell; a
// capture is interrupted until it is restarted into the same terminal. Never a retry after a
// refused login or a changed host key. What a reconnect needs and already holds is not asked.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionInfo, EventPayload, TerminalInfo } from '../../shared/contract/index';
import { parseCast } from '../../shared/captureLog/asciicast';
import { killLabSessionSshd, labSessionPrograms } from '../lab/sessions';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { CollectingSink, terminal, TestWorkbench } from './harness';

let lab: LabSshd | undefined;
let bench: TestWorkbench | undefined;

afterEach(async () => {
  await bench?.dispose();
  bench = undefined;
  await lab?.stop();
  lab = undefined;
});

async function waitForState(
  workbench: TestWorkbench,
  connectionId: string,
  state: ConnectionInfo['state'],
  after: number,
  timeoutMs: number,
): Promise<ConnectionInfo> {
  let found: ConnectionInfo | undefined;
  await expect
    .poll(
      () => {
        found = workbench
          .connectionStates(connectionId)
          .slice(after)
          .find((info) => info.state === state);
        return found?.state;
      },
      { timeout: timeoutMs, interval: 100 },
    )
    .toBe(state);
  if (!found) throw new Error('unreachable');
  return found;
}

function linkEvents(
  workbench: TestWorkbench,
  terminalId: string,
): EventPayload<'terminal.onLinkChanged'>[] {
  return workbench.events
    .filter((event) => event.name === 'terminal.onLinkChanged')
    .map((event) => event.payload as EventPayload<'terminal.onLinkChanged'>)
    .filter((payload) => payload.terminalId === terminalId);
}

/** The host-overview capture as the app starts it: `top -b … | cat`, so it ends with its tab. */
const TOP_ON_HOST = 'top -b -w 512 -d 1';

async function startTop(
  workbench: TestWorkbench,
  connectionId: string,
): Promise<{ info: TerminalInfo; sink: CollectingSink }> {
  const info = await workbench.workbench.handlers['capture.start']({
    connectionId,
    params: { recipe: 'host-overview', intervalSeconds: 1 },
    cols: 100,
    rows: 30,
  });
  const session = terminal(workbench.workbench, info.terminalId);
  const sink = new CollectingSink(session);
  session.attach(sink);
  return { info, sink };
}

const type = (workbench: TestWorkbench, terminalId: string, data: string): void => {
  terminal(workbench.workbench, terminalId).receive({ t: 'input', data });
};

describe('a connection whose sshd session is killed', () => {
  it('reconnects; the shell keeps its output and gets a new shell; top is interrupted until restarted', async () => {
    lab = await startLabSshd();
    bench = new TestWorkbench();
    const { connectionId } = await bench.connectLab(lab);
    const shell = await bench.openShell(connectionId);
    type(bench, shell.info.terminalId, 'echo before-$((6*7))\r');
    await shell.sink.waitFor(/before-42/);
    const top = await startTop(bench, connectionId);
    await top.sink.waitFor(/load average/);

    const seen = bench.connectionStates(connectionId).length;
    expect(killLabSessionSshd(lab)).toBeGreaterThan(0);
    const lost = await waitForState(bench, connectionId, 'reconnecting', seen, 10_000);
    expect(lost.reconnect?.attempt).toBe(1);
    expect(lost.message).toMatch(/closed|failed/);
    await waitForState(bench, connectionId, 'connected', seen, 20_000);

    // The shell: the same terminal, never ended, its output kept, the gap marked, a new shell.
    await shell.sink.waitFor(/reconnected at \d\d:\d\d:\d\d \(gap \d+ s\); a new shell/);
    expect(shell.sink.ends).toBe(0);
    expect(shell.sink.text()).toMatch(
      /before-42[\s\S]*connection lost at \d\d:\d\d:\d\d[\s\S]*reconnected at/,
    );
    type(bench, shell.info.terminalId, 'echo after-$((6*7))\r');
    await shell.sink.waitFor(/after-42/);
    // A page that comes now (a reload, a crash) is shown the same: the gap's notes at their place.
    const shown = shell.sink.text();
    const reloaded = new CollectingSink(terminal(bench.workbench, shell.info.terminalId));
    terminal(bench.workbench, shell.info.terminalId).attach(reloaded);
    expect(reloaded.text().slice(0, shown.length)).toBe(shown);
    expect(reloaded.notes).toEqual(shell.sink.notes);
    expect(reloaded.notes).toHaveLength(2);

    // top: interrupted, not ended, until the user restarts it; then it runs again in the tab.
    await expect
      .poll(() => linkEvents(bench as TestWorkbench, top.info.terminalId).map((e) => e.link))
      .toEqual(['lost', 'interrupted']);
    expect(top.sink.ends).toBe(0);
    await top.sink.waitFor(/the capture was interrupted/);
    const before = top.sink.text().length;
    await expect(
      bench.workbench.handlers['terminal.restart']({ terminalId: top.info.terminalId }),
    ).resolves.toEqual({ restarted: true });
    await top.sink.waitFor(/capture restarted at \d\d:\d\d:\d\d: LC_ALL=C .*top -b/);
    await expect
      .poll(
        () =>
          top.sink
            .text()
            .slice(before)
            .match(/load average/g)?.length ?? 0,
        {
          timeout: 15_000,
        },
      )
      .toBeGreaterThan(0);
    expect(labSessionPrograms(lab)).toContain(TOP_ON_HOST);
    expect(linkEvents(bench, top.info.terminalId).at(-1)?.link).toBe('running');
    // The gap and the restart reach the page as notes beside the output, never in it.
    expect(top.sink.notes).toHaveLength(3);
    // A second restart of a running capture does nothing.
    await expect(
      bench.workbench.handlers['terminal.restart']({ terminalId: top.info.terminalId }),
    ).resolves.toEqual({ restarted: false });

    // The capture log: the gap and the restart are markers; the markers are not in the output.
    const logPath = top.info.logPath as string;
    bench.workbench.terminals.close(top.info.terminalId);
    await expect
      .poll(() => readFileSync(logPath, 'utf8').includes('"m","ended: '), { timeout: 10_000 })
      .toBe(true);
    const cast = parseCast(readFileSync(logPath, 'utf8'));
    const markers = cast.events.filter(([, code]) => code === 'm').map(([, , data]) => data);
    expect(markers[0]).toMatch(/^connection lost at \d\d:\d\d:\d\d \(.+\); reconnecting…$/);
    expect(markers[1]).toMatch(/reconnected at \d\d:\d\d:\d\d \(gap \d+ s\); the capture was/);
    expect(markers[2]).toMatch(/^capture restarted at \d\d:\d\d:\d\d: LC_ALL=C .*top -b/);
    await expect.poll(() => labSessionPrograms(lab as LabSshd)).not.toContain(TOP_ON_HOST);
    const output = cast.events.filter(([, code]) => code === 'o').map(([, , data]) => data);
    expect(output.join('')).not.toContain('connection lost');
  }, 90_000);

  it('reconnects with an encrypted key without asking its passphrase again', async () => {
    lab = await startLabSshd();
    bench = new TestWorkbench();
    const host = await bench.addHost(lab, lab.keys.rsa);
    const { connectionId } = await bench.connect(host, {
      hostKey: true,
      passphrases: [lab.keys.rsaPassphrase],
    });
    expect(bench.prompts.map((p) => p.kind).sort()).toEqual(['host-key', 'passphrase']);
    const seen = bench.connectionStates(connectionId).length;
    killLabSessionSshd(lab);
    await waitForState(bench, connectionId, 'connected', seen, 20_000);
    expect(bench.prompts).toHaveLength(2);
  }, 60_000);

  it('stops after one refused login: failed with the reason, the terminal ended, no retry loop', async () => {
    lab = await startLabSshd();
    bench = new TestWorkbench();
    const { connectionId } = await bench.connectLab(lab);
    const shell = await bench.openShell(connectionId);
    // The key is no longer authorized (as when an account is disabled during an incident).
    writeFileSync(join(lab.dir, 'authorized_keys'), '');
    const logFrom = readFileSync(lab.logPath, 'utf8').length;
    const seen = bench.connectionStates(connectionId).length;
    killLabSessionSshd(lab);
    const failed = await waitForState(bench, connectionId, 'failed', seen, 20_000);
    expect(failed.failure).toBe('auth');
    expect(failed.message).toMatch(/^Reconnecting stopped: .*refused to log in user/);
    await expect.poll(() => shell.sink.ends, { timeout: 5_000 }).toBe(1);
    const exit = bench.events.find(
      (event) =>
        event.name === 'terminal.onExit' &&
        (event.payload as { terminalId: string }).terminalId === shell.info.terminalId,
    );
    expect(exit?.payload).toMatchObject({ reason: expect.stringMatching(/Reconnecting stopped/) });
    // Long enough for a second and third attempt of the backoff (1 s, 2 s): none comes.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const log = readFileSync(lab.logPath, 'utf8').slice(logFrom);
    expect(log.match(/Connection from /g)).toHaveLength(1);
    expect(
      bench
        .connectionStates(connectionId)
        .slice(seen)
        .map((info) => info.state),
    ).toEqual(['reconnecting', 'reconnecting', 'failed']);
  }, 60_000);

  it('stops at a changed host key without asking anything', async () => {
    lab = await startLabSshd();
    bench = new TestWorkbench();
    const { connectionId } = await bench.connectLab(lab);
    const seen = bench.connectionStates(connectionId).length;
    const asked = bench.prompts.length;
    await lab.restartWithNewHostKey();
    const failed = await waitForState(bench, connectionId, 'failed', seen, 30_000);
    expect(failed.failure).toBe('host-key-changed');
    expect(failed.message).toMatch(/HOST KEY CHANGED/);
    expect(bench.prompts).toHaveLength(asked);
  }, 60_000);

  it('can be cancelled while reconnecting; the connection then closes', async () => {
    lab = await startLabSshd();
    bench = new TestWorkbench();
    const { connectionId } = await bench.connectLab(lab);
    const shell = await bench.openShell(connectionId);
    await lab.stop();
    lab = undefined;
    const seen = bench.connectionStates(connectionId).length;
    await waitForState(bench, connectionId, 'reconnecting', seen, 10_000);
    await expect(
      bench.workbench.handlers['ssh.cancelReconnect']({ connectionId }),
    ).resolves.toEqual({ cancelled: true });
    const closed = await waitForState(bench, connectionId, 'closed', seen, 5_000);
    expect(closed.message).toBe('Reconnecting cancelled.');
    await expect.poll(() => shell.sink.ends).toBe(1);
    expect(bench.workbench.connections.list()).toEqual([]);
  }, 30_000);
});
