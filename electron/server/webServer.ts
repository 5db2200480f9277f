import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { BrowserAuth } from '../../shared/contract/browserAuth';
import type { Workbench } from '../node/workbench';
import { clientIdOrNew } from '../node/terminals/rendererClients';
import { serveRpcSocket } from './rpcSocket';
import { contentSecurityPolicy, hostAndOriginAllowed, socketToken, tokensEqual } from './security';
import { parseRequestTarget } from './requestTarget';
import { readStaticFile } from './staticFiles';
import { serveTerminalSocket } from './terminalSocket';

export interface WebServerOptions {
  workbench: Workbench;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
}

export interface WebServer {
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
/** Control messages are small; terminal input is typed or pasted text. */
const MAX_SOCKET_MESSAGE_BYTES = 2 * 1024 * 1024;

/** Browser mode: the renderer and the same Node side, on loopback only, behind a random token. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  // It travels as a WebSocket subprotocol: header token characters only, and long enough.
  if (!/^[A-Za-z0-9_-]{16,}$/.test(token))
    throw new Error('The token must be at least 16 characters of A-Z a-z 0-9 _ -.');
  let origin = '';
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_SOCKET_MESSAGE_BYTES,
    // Selects our protocol name, never the one that carries the token.
    handleProtocols: () => BrowserAuth.protocol,
  });

  const server = createServer((request, response) => {
    void handleHttp(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end('internal error');
      else response.destroy();
    });
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = parseRequestTarget(request.url);
    if (!url) {
      response
        .writeHead(400, { 'Content-Type': 'text/plain', Connection: 'close' })
        .end('bad request target\n');
      return;
    }
    const headers = {
      'Content-Security-Policy': contentSecurityPolicy(origin),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    };
    // The static bundle holds no secret and needs no token (a script tag cannot present one);
    // the sockets are what the token guards. A foreign Host is still refused (DNS rebinding).
    if (!hostAndOriginAllowed(request, origin, false)) {
      response
        .writeHead(403, { ...headers, 'Content-Type': 'text/plain' })
        .end('forbidden: open the address that `npm run web` printed\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, headers).end();
      return;
    }
    const file = await readStaticFile(options.staticDir, url.pathname);
    if (!file) {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    response
      .writeHead(200, { ...headers, 'Content-Type': file.contentType })
      .end(request.method === 'HEAD' ? undefined : file.body);
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node leaves an upgraded socket without an error listener: a client's reset would throw.
    socket.on('error', () => socket.destroy());
    try {
      handleUpgrade(request, socket, head);
    } catch {
      refuse(socket, '500 Internal Server Error');
    }
  });

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = parseRequestTarget(request.url);
    if (!url) return refuse(socket, '400 Bad Request');
    if (!hostAndOriginAllowed(request, origin, true) || !tokensEqual(socketToken(request), token)) {
      return refuse(socket, '403 Forbidden');
    }
    const terminal = /^\/ws\/terminal\/(t_[a-z0-9]{6,32})$/.exec(url.pathname);
    if (url.pathname !== '/ws/rpc' && !terminal) return refuse(socket, '404 Not Found');
    sockets.handleUpgrade(request, socket, head, (ws) => {
      // A bad frame (too big, invalid UTF-8, reserved bits, unmasked, bad close code): ws has
      // already closed this socket with the matching code; without a listener it would throw.
      ws.on('error', () => undefined);
      if (terminal?.[1]) serveTerminalSocket(ws, options.workbench, terminal[1]);
      else serveRpcSocket(ws, options.workbench, clientIdOrNew(url.searchParams.get('client')));
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  // After listening, an accept failure (EMFILE under a connection flood) must not end the process.
  server.on('error', (error) => process.stderr.write(`browser-mode server: ${error.message}\n`));
  const port = (server.address() as AddressInfo).port;
  origin = `http://${LOOPBACK}:${port}`;
  return {
    // A fragment never reaches a server, a log or a Referer; the page reads it and strips it.
    url: `${origin}/#${BrowserAuth.fragmentKey}=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers a refused upgrade with a bare status line and closes the connection. */
function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
