import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { socketProtocols } from '../../shared/contract/browserAuth';
import { createWorkbench, type Workbench } from '../../electron/node/workbench';
import { startWebServer, type WebServer } from '../../electron/server/webServer';

/** A browser-mode server over a throwaway data dir and a one-page static root. */
export class TestWebServer {
  private constructor(
    readonly server: WebServer,
    readonly workbench: Workbench,
    readonly dir: string,
  ) {}

  static async start(workbench?: Workbench): Promise<TestWebServer> {
    const dir = mkdtempSync(join(tmpdir(), 'wb-web-'));
    const staticDir = join(dir, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>wb</title>');
    writeFileSync(join(dir, 'secret.txt'), 'outside the static root');
    const node =
      workbench ?? createWorkbench({ dataDir: join(dir, 'data'), trustedKnownHosts: [] });
    return new TestWebServer(await startWebServer({ workbench: node, staticDir }), node, dir);
  }

  /** Opens an authorised socket as the page does (token as a subprotocol); rejects if refused. */
  openSocket(path: string): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(
        `ws://127.0.0.1:${this.server.port}${path}`,
        socketProtocols(this.server.token),
        { headers: { Origin: this.server.origin } },
      );
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
  }

  /** The server still answers a request over a fresh authorised socket. */
  async answersRpc(): Promise<boolean> {
    const socket = await this.openSocket('/ws/rpc');
    try {
      const reply = await new Promise<unknown>((resolve, reject) => {
        socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString())));
        socket.once('close', () => reject(new Error('closed before answering')));
        socket.send(JSON.stringify({ id: 1, method: 'hosts.list', payload: {} }));
      });
      return typeof reply === 'object' && reply !== null && 'ok' in reply && reply.ok === true;
    } finally {
      socket.close();
    }
  }

  async stop(ownWorkbench = true): Promise<void> {
    await this.server.close();
    if (ownWorkbench) await this.workbench.dispose();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
