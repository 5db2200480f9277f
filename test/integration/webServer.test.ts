import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BrowserAuth, socketProtocols } from '../../shared/contract/browserAuth';
import { TestWebServer } from './webClient';

let web: TestWebServer;

beforeAll(async () => {
  web = await TestWebServer.start();
});
afterAll(async () => {
  await web?.stop();
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
    const req = request({ host: '127.0.0.1', port: web.server.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface SocketAttempt {
  path?: string;
  protocols?: string[];
  headers?: Record<string, string>;
}

function openSocket({
  path = '/ws/rpc',
  protocols = [],
  headers = {},
}: SocketAttempt): Promise<{ opened: boolean; status?: number; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${web.server.port}${path}`, protocols, {
      headers,
    });
    socket.on('open', () => resolve({ opened: true, socket }));
    socket.on('unexpected-response', (_req, res) =>
      resolve({ opened: false, status: res.statusCode }),
    );
    socket.on('error', () => resolve({ opened: false }));
  });
}

describe('browser mode server', () => {
  it('listens on loopback only and prints an address with a long random token in its fragment', () => {
    expect(web.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{32}$/);
  });

  it('serves the static bundle without a token, sets no cookie, with a strict CSP', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>wb</title>');
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses another Host header (DNS rebinding), for pages and sockets', async () => {
    expect((await get('/', { Host: 'evil.example:80' })).status).toBe(403);
    const socket = await openSocket({
      protocols: socketProtocols(web.server.token),
      headers: { Origin: web.server.origin, Host: 'evil.example:80' },
    });
    expect(socket.status).toBe(403);
  });

  it('never serves a file outside the built renderer', async () => {
    const res = await get('/..%2fsecret.txt');
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('outside the static root');
  });

  it('opens a socket only with the token as a subprotocol, from its own origin', async () => {
    const origin = { Origin: web.server.origin };
    const token = web.server.token;
    const refused: SocketAttempt[] = [
      { headers: origin },
      { protocols: socketProtocols('wrong-token-wrong-token'), headers: origin },
      { protocols: [BrowserAuth.protocol], headers: origin },
      // The old ways: a cookie or the query string no longer open anything.
      { headers: { ...origin, Cookie: `wb_token=${token}` } },
      { path: `/ws/rpc?token=${token}`, headers: origin },
      { protocols: socketProtocols(token), headers: { Origin: 'http://evil.example' } },
      { protocols: socketProtocols(token), headers: { Origin: 'http://127.0.0.1:1' } },
      { protocols: socketProtocols(token) },
    ];
    for (const attempt of refused) expect((await openSocket(attempt)).status).toBe(403);
    const good = await openSocket({ protocols: socketProtocols(token), headers: origin });
    expect(good.opened).toBe(true);
    // The server selects the plain protocol name: the token is never echoed in a response.
    expect(good.socket?.protocol).toBe(BrowserAuth.protocol);
    good.socket?.close();
  });

  it('answers a request over the socket, and rejects a malformed one with a reason', async () => {
    const socket = await web.openSocket('/ws/rpc');
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
    const socket = await web.openSocket('/ws/terminal/t_0000000000000000');
    const code = await new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)));
    expect(code).toBe(4404);
  });
});
