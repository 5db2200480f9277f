import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Workbench } from '../node/workbench';
import { clientIdOrNew } from '../node/session/rendererClients';
import { serveRpcSocket } from './rpcSocket';
import {
  contentSecurityPolicy,
  hostAndOriginAllowed,
  requestToken,
  TOKEN_COOKIE,
  tokensEqual,
} from './security';
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
  let origin = '';
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_SOCKET_MESSAGE_BYTES });

  const server = createServer((request, response) => {
    void handleHttp(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end('internal error');
    });
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    const headers = {
      'Content-Security-Policy': contentSecurityPolicy(origin),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    };
    if (
      !hostAndOriginAllowed(request, origin, false) ||
      !tokensEqual(requestToken(request, url), token)
    ) {
      response
        .writeHead(403, { ...headers, 'Content-Type': 'text/plain' })
        .end('forbidden: open the URL with the token that `npm run web` printed\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, headers).end();
      return;
    }
    if (url.searchParams.has('token')) {
      // Trade the token in the address bar for a cookie, so it does not stay in history.
      response
        .writeHead(303, {
          ...headers,
          Location: '/',
          'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        })
        .end();
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

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    if (
      !hostAndOriginAllowed(request, origin, true) ||
      !tokensEqual(requestToken(request, url), token)
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    const terminal = /^\/ws\/terminal\/(t_[a-z0-9]{6,32})$/.exec(url.pathname);
    if (url.pathname !== '/ws/rpc' && !terminal) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      if (terminal?.[1]) serveTerminalSocket(ws, options.workbench, terminal[1]);
      else serveRpcSocket(ws, options.workbench, clientIdOrNew(url.searchParams.get('client')));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${LOOPBACK}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
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
