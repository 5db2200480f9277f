import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { addHost, WebApp, watchForFatalErrors } from './webApp';

let app: WebApp;
let other: Server;
let otherOrigin = '';
/** Every request another local web server received from the same browser. */
const seenByOther: { url: string; headers: IncomingHttpHeaders }[] = [];

test.beforeAll(async () => {
  app = await WebApp.start();
  // Any other web server on 127.0.0.1 the user visits: a dev server, a notebook, a hostile page.
  other = createServer((request, response) => {
    seenByOther.push({ url: request.url ?? '', headers: request.headers });
    response
      .writeHead(200, { 'Content-Type': 'text/html' })
      .end('<!doctype html><title>other</title><img src="/pixel.png">');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
// Terminals outlive their page: the next test's page must not take this one's over.
test.afterEach(async () => {
  await app?.closeTerminals();
});
test.afterAll(async () => {
  await new Promise((resolve) => other?.close(resolve));
  await app?.stop();
});

/** Whether a socket opened with exactly these request headers reaches the workbench. */
function socketOpensWith(headers: IncomingHttpHeaders): Promise<boolean> {
  const replay: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    // ws sets its own handshake headers; everything else the browser sent is replayed.
    if (value === undefined || /^(host|connection|upgrade|sec-websocket-)/.test(name)) continue;
    replay[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const protocol = headers['sec-websocket-protocol'];
  return new Promise((resolve) => {
    const socket = new WebSocket(
      `ws://127.0.0.1:${app.server.port}/ws/rpc`,
      typeof protocol === 'string' ? protocol.split(',').map((p) => p.trim()) : [],
      { headers: { ...replay, Origin: app.server.origin } },
    );
    socket.on('open', () => (socket.close(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
}

test('the token stays in the page: not in the address bar, not in a cookie, never sent to another local port', async ({
  page,
  context,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await page.goto(app.server.url);
  await expect(page.getByRole('heading', { name: 'Incident workbench' })).toBeVisible();
  // The address bar (and this history entry) no longer holds the token.
  expect(page.url()).toBe(`${app.server.origin}/`);
  await addHost(page, { port: 22, user: 'alice', keyPath: '/nonexistent/key', label: 'kept' });
  await expect(page.getByText('kept', { exact: true })).toBeVisible();

  // A reload authenticates again from this tab's sessionStorage.
  await page.reload();
  await expect(page.getByText('kept', { exact: true })).toBeVisible();
  expect(page.url()).toBe(`${app.server.origin}/`);

  // The same browser visits another server on 127.0.0.1, in this tab and in a new one.
  await page.goto(`${otherOrigin}/visited-after-login`);
  await expect(page).toHaveTitle('other');
  const second = await context.newPage();
  await second.goto(`${otherOrigin}/second-tab`);
  // sessionStorage is per origin (the port is part of it): the other page sees nothing.
  expect(await second.evaluate(() => [document.cookie, sessionStorage.length])).toEqual(['', 0]);

  expect(seenByOther.map((r) => r.url)).toEqual(
    expect.arrayContaining(['/visited-after-login', '/second-tab', '/pixel.png']),
  );
  const everything = JSON.stringify(seenByOther);
  expect(everything).not.toContain(app.server.token);
  for (const { headers } of seenByOther) {
    expect(headers.cookie).toBeUndefined();
    expect(await socketOpensWith(headers)).toBe(false);
  }
  expect(await context.cookies()).toEqual([]);
  checkErrors();
});

test('a page opened without the token says how to open the workbench', async ({ browser }) => {
  const fresh = await browser.newContext();
  const page = await fresh.newPage();
  await page.goto(`${app.server.origin}/`);
  await expect(page.getByText(/open the address that `npm run web` printed/).first()).toBeVisible();
  await fresh.close();
});
