import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createWorkbench, type Workbench } from '../../electron/node/workbench';
import { startWebServer, type WebServer } from '../../electron/server/webServer';

let dir: string;
let workbench: Workbench;
let server: WebServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wb-web-'));
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>wb</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the static root');
  workbench = createWorkbench({ dataDir: join(dir, 'data'), trustedKnownHosts: [] });
  server = await startWebServer({ workbench, staticDir });
});
afterAll(async () => {
  await server?.close();
  await workbench?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(
  path: string,
  headers: Record<string, string>,
): Promise<{ opened: boolean; status?: number; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers });
    socket.on('open', () => resolve({ opened: true, socket }));
    socket.on('unexpected-response', (_req, res) =>
      resolve({ opened: false, status: res.statusCode }),
    );
    socket.on('error', () => resolve({ opened: false }));
  });
}

describe('browser mode server', () => {
  it('listens on loopback only and prints a URL with a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('refuses a page request without the token, or with a wrong one', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/?token=wrong')).status).toBe(403);
    expect((await get('/', { Cookie: 'wb_token=wrong' })).status).toBe(403);
  });

  it('trades a good token for an HttpOnly cookie and serves the page with a strict CSP', async () => {
    const first = await get(`/?token=${server.token}`);
    expect(first.status).toBe(303);
    expect(String(first.headers['set-cookie'])).toMatch(/wb_token=.+HttpOnly; SameSite=Strict/);
    const page = await get('/', { Cookie: `wb_token=${server.token}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>wb</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('refuses another Host header (DNS rebinding) even with the token', async () => {
    expect((await get(`/?token=${server.token}`, { Host: 'evil.example:80' })).status).toBe(403);
  });

  it('never serves a file outside the built renderer', async () => {
    const res = await get('/..%2fsecret.txt', { Cookie: `wb_token=${server.token}` });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('outside the static root');
  });

  it('refuses sockets without the token or from another origin', async () => {
    const origin = server.origin;
    expect((await openSocket('/ws/rpc', { Origin: origin })).status).toBe(403);
    expect(
      (await openSocket(`/ws/rpc?token=${server.token}`, { Origin: 'http://evil.example' })).status,
    ).toBe(403);
    expect((await openSocket(`/ws/rpc?token=${server.token}`, {})).status).toBe(403);
    const good = await openSocket(`/ws/rpc?token=${server.token}`, { Origin: origin });
    expect(good.opened).toBe(true);
    good.socket?.close();
  });

  it('answers a request over the socket, and rejects a malformed one with a reason', async () => {
    const { socket } = await openSocket('/ws/rpc', {
      Origin: server.origin,
      Cookie: `wb_token=${server.token}`,
    });
    if (!socket) throw new Error('socket did not open');
    const reply = (payload: object) =>
      new Promise<unknown>((resolve) => {
        socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString())));
        socket.send(JSON.stringify(payload));
      });
    expect(await reply({ id: 1, method: 'hosts.list', payload: {} })).toEqual({
      id: 1,
      ok: true,
      value: [],
    });
    const bad = (await reply({
      id: 2,
      method: 'hosts.save',
      payload: { host: 'a b', port: 99999, user: 'x', keyPath: '/k' },
    })) as { ok: boolean; error: { message: string } };
    expect(bad.ok).toBe(false);
    expect(bad.error.message).toMatch(/host|port/);
    const unknown = (await reply({ id: 3, method: 'process.exit', payload: {} })) as {
      ok: boolean;
      error: { name: string };
    };
    expect(unknown).toMatchObject({ ok: false, error: { name: 'UnknownMethod' } });
    socket.close();
  });

  it('refuses a terminal socket for a terminal that does not exist', async () => {
    const result = await openSocket(`/ws/terminal/t_0000000000000000?token=${server.token}`, {
      Origin: server.origin,
    });
    if (result.socket) {
      const code = await new Promise<number>((resolve) =>
        result.socket?.on('close', (c) => resolve(c)),
      );
      expect(code).toBe(4404);
    } else {
      expect(result.opened).toBe(false);
    }
  });
});
