// A page that goes away (a reload, a closed tab) takes its remote programs with it, and the page
// loaded after it sees the SSH connection as it is and uses it: the browser mode end to end, over
// real sockets, against the lab sshd, with the host's processes read from /proc.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { socketProtocols } from '../../shared/contract/browserAuth';
import type { ConnectionInfo, HostProfile, TerminalInfo } from '../../shared/contract/index';
import { createWorkbench, type Workbench } from '../../electron/node/workbench';
import { startWebServer, type WebServer } from '../../electron/server/webServer';
import { spawnLab, type LabProcess } from '../lab/procs';
import { labSessionPrograms, labSshConnections } from '../lab/sessions';
import { startLabSshd, type LabSshd } from '../lab/sshd';

const GRACE_MS = 1500;
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

  /** Reads a terminal as the page would (its socket), and types into it. */
  attach(terminalId: string, input?: string): void {
    const socket = new WebSocket(
      `ws://127.0.0.1:${server.port}/ws/terminal/${terminalId}`,
      socketProtocols(server.token),
      { headers: { Origin: server.origin } },
    );
    socket.on('message', (data, isBinary) => {
      if (isBinary && Buffer.isBuffer(data))
        socket.send(JSON.stringify({ t: 'ack', bytes: data.length }));
    });
    if (input) socket.once('open', () => socket.send(JSON.stringify({ t: 'input', data: input })));
    this.terminals.push(socket);
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

  it('takes its remote programs with it: top | cat, strace and a shell with sleep end on the host', async () => {
    const page = await Page.open('page-one-0000000001');
    await startWork(page, connection.connectionId);
    const before = running();
    await page.close();
    const closedAt = Date.now();
    await expect.poll(startedStillRunning, { timeout: GRACE_MS + 15_000 }).toEqual([]);
    console.log(
      `page gone: ${before.join(' ; ')} -> ${running().join(' ') || '(nothing)'} on the host ` +
        `${Date.now() - closedAt} ms after its sockets closed (grace ${GRACE_MS} ms)`,
    );
    // Nothing of the page's sessions is left: no shell either, only the SSH connection.
    expect(running()).toEqual([]);
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
    await page.close();
    await expect.poll(startedStillRunning, { timeout: GRACE_MS + 15_000 }).toEqual([]);
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
    await back.close();
    await expect.poll(startedStillRunning, { timeout: GRACE_MS + 15_000 }).toEqual([]);
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
});
