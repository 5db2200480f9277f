import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapedErrors, RawClient, rawRequest, statusOf } from './rawSocket';
import { TestWebServer } from './webClient';

let web: TestWebServer;
const escaped = escapedErrors();

beforeAll(async () => {
  web = await TestWebServer.start();
});
afterAll(async () => {
  await web?.stop();
});

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

function upgrade(target: string, extraHeaders = ''): string {
  return (
    `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${web.server.port}\r\n` +
    `Origin: ${web.server.origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n${extraHeaders}\r\n`
  );
}

function get(target: string, extraHeaders = ''): string {
  return `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${web.server.port}\r\n${extraHeaders}Connection: close\r\n\r\n`;
}

/** Request targets that URL parsing or percent-decoding cannot take. */
const BAD_TARGETS = ['//[', 'http://[::1', '/%ff', '/%E0%A4%A', '/ws/rpc%', '//x/ws/rpc'];

describe('the browser-mode server under malformed requests', () => {
  for (const target of BAD_TARGETS) {
    it(`answers 400 to an upgrade to ${JSON.stringify(target)} and goes on`, async () => {
      expect(statusOf(await rawRequest(web.server.port, upgrade(target)))).toBe(400);
      expect(await web.answersRpc()).toBe(true);
      expect(escaped).toEqual([]);
    });

    it(`answers 400 to a GET of ${JSON.stringify(target)} and goes on`, async () => {
      expect(statusOf(await rawRequest(web.server.port, get(target)))).toBe(400);
      expect(await web.answersRpc()).toBe(true);
      expect(escaped).toEqual([]);
    });
  }

  const garbage: [string, () => string | Buffer][] = [
    ['a TLS ClientHello', () => Buffer.from('1603010200010001fc0303', 'hex')],
    ['binary noise', () => Buffer.from([0, 1, 2, 255, 13, 10, 13, 10])],
    ['a request line without a version', () => 'GET /\r\n\r\n'],
    ['a header without a colon', () => 'GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n'],
    ['a NUL in a header', () => 'GET / HTTP/1.1\r\nHost: 127.0.0.1\x00:1\r\n\r\n'],
    ['a header of 64 KiB', () => `GET / HTTP/1.1\r\nX-Big: ${'a'.repeat(65536)}\r\n\r\n`],
    ['a CONNECT request', () => 'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n'],
    ['an upgrade without a Host', () => upgrade('/ws/rpc').replace(/Host: [^\r]*\r\n/, '')],
    ['an upgrade with two Hosts', () => upgrade('/ws/rpc', 'Host: evil.example\r\n')],
    ['an upgrade to an asterisk', () => upgrade('*')],
    ['an upgrade of another protocol', () => upgrade('/ws/rpc').replace('websocket', 'h2c')],
    ['an upgrade with a bad key', () => upgrade('/ws/rpc').replace(KEY, 'short')],
    ['an upgrade with a chunked body', () => upgrade('/ws/rpc', 'Transfer-Encoding: chunked\r\n')],
  ];
  for (const [name, bytes] of garbage) {
    it(`refuses ${name} with a 4xx (or a close) and goes on`, async () => {
      const status = statusOf(await rawRequest(web.server.port, bytes()));
      if (status !== null) expect(status).toBeGreaterThanOrEqual(400);
      if (status !== null) expect(status).toBeLessThan(500);
      expect(await web.answersRpc()).toBe(true);
      expect(escaped).toEqual([]);
    });
  }

  it('survives a hundred clients that reset mid-upgrade', async () => {
    await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const client = await RawClient.open(web.server.port);
        const request = upgrade(i % 2 ? '//[' : '/ws/rpc');
        // Half the request, or all of it, then a TCP reset instead of reading the answer.
        client.write(i % 4 < 2 ? request.slice(0, 40) : request);
        client.socket.resetAndDestroy();
      }),
    );
    expect(await web.answersRpc()).toBe(true);
    expect(escaped).toEqual([]);
  });
});
