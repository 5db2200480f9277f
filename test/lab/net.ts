// Small network helpers for the lab: a free local port, and waiting for a server to answer.

import { createServer, connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A port that was free a moment ago (bind port 0, read it, close). Racy, but fine for a lab. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port from listen(0)'))));
    });
  });
}

/** Resolves with the first line the server sends if it starts with `prefix`, else rejects. */
export function readGreeting(port: number, prefix: string, timeoutMs = 1_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    const finish = (err?: Error): void => {
      socket.destroy();
      if (err) reject(err);
      else resolve(received.split('\r\n')[0] ?? '');
    };
    socket.setTimeout(timeoutMs, () => finish(new Error(`no greeting on port ${port}`)));
    socket.once('error', finish);
    socket.once('close', () => finish(new Error(`port ${port} closed without a greeting`)));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\n')) {
        finish(received.startsWith(prefix) ? undefined : new Error(`unexpected: ${received}`));
      }
    });
  });
}

/**
 * Retry `probe` until it resolves, `gaveUp()` says the server died, or `timeoutMs` passes.
 * The thrown error carries `describe()` (a log tail) so a failed start explains itself.
 */
export async function waitUntil<T>(
  what: string,
  probe: () => T | Promise<T>,
  opts: { timeoutMs: number; gaveUp: () => boolean; describe: () => string },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let last: unknown;
  for (;;) {
    if (opts.gaveUp()) throw new Error(`${what}: the process exited.\n${opts.describe()}`);
    try {
      return await probe();
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const reason = last instanceof Error ? last.message : String(last);
      throw new Error(
        `${what}: not ready after ${opts.timeoutMs} ms (${reason}).\n${opts.describe()}`,
      );
    }
    await sleep(50);
  }
}
