// A page that goes away (a reload, a closed tab) leaves its terminals running on the Node side: the
// page loaded after it takes them over with their scrollback and sees the SSH connection as it is;
// terminals that no page takes over end after a while, and quitting ends them all. The browser
// mode end to end, over real sockets, against the lab sshd, with the host's processes read from
// /proc.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { socketProtocols } from '../../shared/contract/browserAuth';
import type {
  ConnectionInfo,
  HostProfile,
  KeptAppTab,
  LiveTerminal,
  TerminalInfo,
} from '../../shared/contract/index';
import { createWorkbench, type Workbench } from '../../electron/node/workbench';
import { startWebServer, type WebServer } from '../../electron/server/webServer';
import { spawnLab, type LabProcess } from '../lab/procs';
import { labSessionPrograms, labSshConnections } from '../lab/sessions';
import { startLabSshd, type LabSshd } from '../lab/sshd';

const GRACE_MS = 1500;
/** How long terminals wait for a new page here (the app waits 10 min). */
const KEEP_MS = 5000;
/** What a page starts below: a capture's top through cat, strace, a shell running sleep. */
const STARTED = [/^top -b /, /^cat$/, /^strace -f /, /^sleep 4\d\d\d$/];
const SIZE = { cols: 100, rows: 30 };

let dir: string;
let lab: LabSshd;
let target: LabProcess;
let workbench: Workbench;
let server: WebServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wb-lifecycle-'));
  mkdirSync(join(dir, 'static'));
  writeFileSync(join(dir, 'static', 'index.html'), '<!doctype html><title>wb</title>');
  lab = await startLabSshd();
  // strace's target: a quiet process on the lab host (this machine).
  target = spawnLab('sleep', ['3600']);
  workbench = createWorkbench({
    dataDir: join(dir, 'data'),
    trustedKnownHosts: [],
    rendererGraceMs: GRACE_MS,
    orphanKeepMs: KEEP_MS,
  });
  server = await startWebServer({ workbench, staticDir: join(dir, 'static') });
});
afterAll(async () => {
  await server?.close();
  await workbench?.dispose();
  await target?.stop();
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Pages a test left open when it failed: closed after it, so their programs end too. */
const openPages: Page[] = [];
afterEach(async () => {
  await Promise.all(openPages.splice(0).map((page) => page.close()));
});

/** One page's RPC socket, speaking the contract as the renderer's WebSocket transport does. */
class Page {
  private nextId = 1;
  private replies = new Map<number, (reply: { ok: boolean; value?: unknown }) => void>();
  private terminals: WebSocket[] = [];

  private constructor(private readonly rpc: WebSocket) {
    rpc.on('message', (data) => {
      const message = JSON.parse(data.toString()) as
        | { id: number; ok: boolean; value?: unknown }
        | { event: string; payload: { promptId: string; kind: string } };
      if ('event' in message) {
        // The scripted user trusts the lab's host key (the fingerprint is checked in sshConnect).
        if (message.event === 'ssh.onPrompt' && message.payload.kind === 'host-key')
          void this.call('ssh.answerPrompt', {
            promptId: message.payload.promptId,
            kind: 'host-key',
            accept: true,
          });
        return;
      }
      this.replies.get(message.id)?.(message);
    });
  }

  static open(clientId: string): Promise<Page> {
    const rpc = new WebSocket(
      `ws://127.0.0.1:${server.port}/ws/rpc?client=${clientId}`,
      socketProtocols(server.token),
      { headers: { Origin: server.origin } },
    );
    return new Promise((resolve, reject) => {
      rpc.once('open', () => {
        const page = new Page(rpc);
        openPages.push(page);
        resolve(page);
      });
      rpc.once('error', reject);
    });
  }

  call<T>(method: string, payload: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.replies.set(id, (reply) =>
        reply.ok ? resolve(reply.value as T) : reject(new Error(JSON.stringify(reply))),
      );
      this.rpc.send(JSON.stringify({ id, method, payload }));
    });
  }

  /** Reads a terminal as the page would (its socket), and types into it; returns what it read. */
  attach(terminalId: string, input?: string): { text: () => string } {
    const received: Buffer[] = [];
    const socket = new WebSocket(
      `ws://127.0.0.1:${server.port}/ws/terminal/${terminalId}`,
      socketProtocols(server.token),
      { headers: { Origin: server.origin } },
    );
    socket.on('message', (data, isBinary) => {
      if (isBinary && Buffer.isBuffer(data)) {
        received.push(data);
        socket.send(JSON.stringify({ t: 'ack', bytes: data.length }));
      }
    });
    if (input) socket.once('open', () => socket.send(JSON.stringify({ t: 'input', data: input })));
    this.terminals.push(socket);
    return { text: () => Buffer.concat(received).toString('latin1') };
  }

  /** What a reload does to the page's sockets: all of them close, none comes back. */
  async close(): Promise<void> {
    const sockets = [this.rpc, ...this.terminals];
    await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === WebSocket.CLOSED) return resolve();
            socket.once('close', () => resolve());
            socket.close();
          }),
      ),
    );
  }
}

const running = () => labSessionPrograms(lab);
/** The programs of STARTED on the host now, by name: `top`, `cat`, `strace`, `sleep 4242`. */
const startedStillRunning = () =>
  running()
    .filter((line) => STARTED.some((pattern) => pattern.test(line)))
    .map((line) => (line.startsWith('sleep') ? line : (line.split(' ')[0] ?? line)));

/** Starts what a user had open when the page went: a top capture, strace, a shell's sleep. */
async function startWork(page: Page, connectionId: string): Promise<void> {
  const top = await page.call<TerminalInfo>('capture.start', {
    connectionId,
    params: { recipe: 'host-overview', intervalSeconds: 1 },
    ...SIZE,
  });
  const strace = await page.call<TerminalInfo>('capture.start', {
    connectionId,
    params: { recipe: 'strace', pid: target.pid },
    ...SIZE,
  });
  const shell = await page.call<TerminalInfo>('terminal.openShell', { connectionId, ...SIZE });
  page.attach(top.terminalId);
  page.attach(strace.terminalId);
  page.attach(shell.terminalId, 'sleep 4242\r');
  await expect
    .poll(() => startedStillRunning().sort(), { timeout: 20_000 })
    .toEqual(['cat', 'sleep 4242', 'strace', 'top']);
}

describe('a page that is gone', () => {
  let host: HostProfile;
  let connection: ConnectionInfo;

  beforeAll(async () => {
    // Connections belong to no page: the one that connects here closes, the connection stays.
    const setup = await Page.open('setup-page-000000000');
    host = await setup.call<HostProfile>('hosts.save', {
      host: lab.host,
      port: lab.port,
      user: lab.user,
      keyPath: lab.keys.ed25519,
    });
    connection = await setup.call<ConnectionInfo>('ssh.connect', { hostId: host.id });
    await setup.close();
  });

  it('leaves its terminals running; the next page takes them over with their scrollback', async () => {
    const page = await Page.open('page-one-0000000001');
    await startWork(page, connection.connectionId);
    await page.close();
    // Past the grace, the page is gone: its programs run on, waiting for the next page.
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS + 1_000));
    expect(startedStillRunning().sort()).toEqual(['cat', 'sleep 4242', 'strace', 'top']);

    const next = await Page.open('page-one-next-00000001');
    const live = await next.call<LiveTerminal[]>('terminal.reattach', {});
    expect(live.map((t) => t.capture?.recipe ?? t.title).sort()).toEqual([
      'host-overview',
      'shell',
      'strace',
    ]);
    const shell = live.find((t) => t.title === 'shell');
    const top = live.find((t) => t.capture?.recipe === 'host-overview');
    if (!shell || !top) throw new Error('a terminal was not taken over');
    // The scrollback replays: the shell's typed command and top's screens come back.
    const shellText = next.attach(shell.terminalId);
    const topText = next.attach(top.terminalId);
    await expect.poll(() => shellText.text(), { timeout: 10_000 }).toContain('sleep 4242');
    await expect.poll(() => topText.text(), { timeout: 10_000 }).toMatch(/top - \d\d:\d\d:\d\d/);
    // A second page asking again gets nothing: they belong to `next` now.
    const other = await Page.open('page-one-other-0000001');
    expect(await other.call<LiveTerminal[]>('terminal.reattach', {})).toEqual([]);
    await other.close();

    // A page that never comes back: after the keep time, nothing of it is left on the host.
    await next.close();
    const closedAt = Date.now();
    await expect.poll(startedStillRunning, { timeout: GRACE_MS + KEEP_MS + 15_000 }).toEqual([]);
    console.log(`orphaned terminals ended ${Date.now() - closedAt} ms after the page closed`);
    expect(running()).toEqual([]);
  });

  it('gives the next page a capture that ended by itself, ended, with what it printed; not one its page closed', async () => {
    const page = await Page.open('page-ended-00000000007');
    const start = () =>
      page.call<TerminalInfo>('capture.start', {
        connectionId: connection.connectionId,
        params: { recipe: 'ss' },
        ...SIZE,
      });
    const [done, closed] = [await start(), await start()];
    const printed = page.attach(done.terminalId);
    page.attach(closed.terminalId);
    const ended = (terminalId: string) => () => workbench.terminals.get(terminalId)?.ended;
    await expect.poll(ended(done.terminalId), { timeout: 20_000 }).toBe(true);
    await expect.poll(ended(closed.terminalId), { timeout: 20_000 }).toBe(true);
    await page.call('terminal.close', { terminalId: closed.terminalId });
    await page.close();

    const next = await Page.open('page-ended-next-000007');
    const live = await next.call<LiveTerminal[]>('terminal.reattach', {});
    expect(live.map((t) => t.terminalId)).toEqual([done.terminalId]);
    expect(live[0]?.exit?.exitCode).toBe(0);
    expect(printed.text()).toContain('LISTEN');
    const replayed = next.attach(done.terminalId);
    await expect.poll(() => replayed.text(), { timeout: 10_000 }).toBe(printed.text());
    // Closed by its page now, it is gone.
    await next.call('terminal.close', { terminalId: done.terminalId });
    expect(workbench.terminals.get(done.terminalId)).toBeUndefined();
    // Quitting forgets every ended terminal too.
    const again = await next.call<TerminalInfo>('capture.start', {
      connectionId: connection.connectionId,
      params: { recipe: 'ss' },
      ...SIZE,
    });
    next.attach(again.terminalId);
    await expect.poll(ended(again.terminalId), { timeout: 20_000 }).toBe(true);
    await workbench.terminals.disposeAll();
    expect(workbench.terminals.get(again.terminalId)).toBeUndefined();
    await next.close();
  });

  it('hands the fleet and insights tabs a page kept to the page that comes after it; refuses a malformed one', async () => {
    const page = await Page.open('page-apptabs-000000008');
    const insights: KeptAppTab = {
      kind: 'insights',
      tabId: `insights:${connection.connectionId}:${target.pid}`,
      title: `insights · ${target.pid}`,
      startedAt: 1,
      connectionId: connection.connectionId,
      pid: target.pid,
    };
    await expect(
      page.call('appTabs.keep', { tabs: [{ ...insights, pid: 'not a pid' }] }),
    ).rejects.toThrow(/pid/);
    expect(await page.call('appTabs.keep', { tabs: [insights] })).toEqual({ kept: 1 });
    await page.close();
    const next = await Page.open('page-apptabs-next-00008');
    expect(await next.call('appTabs.reattach', {})).toEqual([insights]);
    expect(await next.call('appTabs.reattach', {})).toEqual([]);
    await next.close();
  });

  it('reads a terminal on while no page shows it, so its program is never held up', async () => {
    const page = await Page.open('page-flood-000000005');
    const shell = await page.call<TerminalInfo>('terminal.openShell', {
      connectionId: connection.connectionId,
      ...SIZE,
    });
    // ~15 MB of output: far more than SSH's window, so a paused channel would stop seq.
    const typed = page.attach(shell.terminalId, 'seq 1 2000000; echo "DONE-$((6*7))"\r');
    await expect.poll(() => typed.text(), { timeout: 20_000 }).toContain('\n2\r\n');
    await page.close();
    const next = await Page.open('page-flood-next-000005');
    await expect
      .poll(() => workbench.terminals.get(shell.terminalId)?.scrollback.droppedBytes ?? 0, {
        timeout: 60_000,
      })
      .toBeGreaterThan(8_000_000);
    const [live] = await next.call<LiveTerminal[]>('terminal.reattach', {});
    expect(live?.terminalId).toBe(shell.terminalId);
    const text = next.attach(shell.terminalId);
    await expect.poll(() => text.text(), { timeout: 60_000 }).toContain('DONE-42');
    // The replay starts at a line: the first line shown is a whole number of seq's.
    expect(text.text()).toMatch(/^\d+\r\n/);
    expect(live?.droppedBytes).toBeGreaterThan(0);
    await next.call('terminal.close', { terminalId: shell.terminalId });
    await next.close();
  });

  it('shows the next page the connection as it is; using it opens no second SSH session', async () => {
    const page = await Page.open('page-two-0000000002');
    const listed = await page.call<ConnectionInfo[]>('ssh.listConnections', {});
    expect(listed).toEqual([
      expect.objectContaining({
        connectionId: connection.connectionId,
        hostId: host.id,
        state: 'connected',
      }),
    ]);
    const shell = await page.call<TerminalInfo>('terminal.openShell', {
      connectionId: connection.connectionId,
      ...SIZE,
    });
    page.attach(shell.terminalId, 'sleep 4343\r');
    await expect.poll(startedStillRunning, { timeout: 20_000 }).toEqual(['sleep 4343']);
    expect(labSshConnections(lab)).toBe(1);
    await page.call('terminal.close', { terminalId: shell.terminalId });
    await page.close();
    await expect.poll(startedStillRunning, { timeout: 15_000 }).toEqual([]);
  });

  it('keeps the terminals of a page whose socket comes back within the grace', async () => {
    const first = await Page.open('page-three-000000003');
    const shell = await first.call<TerminalInfo>('terminal.openShell', {
      connectionId: connection.connectionId,
      ...SIZE,
    });
    first.attach(shell.terminalId, 'sleep 4444\r');
    await expect.poll(startedStillRunning, { timeout: 20_000 }).toEqual(['sleep 4444']);
    await first.close();
    const back = await Page.open('page-three-000000003');
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS + 1_000));
    expect(startedStillRunning()).toEqual(['sleep 4444']);
    // It is still that page's: a new page has nothing to take over.
    const other = await Page.open('page-three-other-00003');
    expect(await other.call<LiveTerminal[]>('terminal.reattach', {})).toEqual([]);
    await other.close();
    await back.call('terminal.close', { terminalId: shell.terminalId });
    await back.close();
    await expect.poll(startedStillRunning, { timeout: 15_000 }).toEqual([]);
  });

  it('ends a terminal whose capture was still starting when its page went', async () => {
    const page = await Page.open('page-four-0000000004');
    const starting = page.call<TerminalInfo>('capture.start', {
      connectionId: connection.connectionId,
      params: { recipe: 'host-overview', intervalSeconds: 1 },
      ...SIZE,
    });
    // The page is gone for good before the capture's preflight is done.
    workbench.clients.gone('page-four-0000000004');
    const info = await starting;
    await expect
      .poll(() => workbench.terminals.get(info.terminalId), { timeout: 8_000 })
      .toBe(undefined);
    await expect.poll(startedStillRunning, { timeout: 8_000 }).toEqual([]);
    await page.close();
  });

  it('ends every remote program when the workbench quits', async () => {
    const page = await Page.open('page-quit-000000000006');
    await startWork(page, connection.connectionId);
    await page.close();
    await workbench.dispose();
    await expect.poll(startedStillRunning, { timeout: 15_000 }).toEqual([]);
    expect(running()).toEqual([]);
  });
});
