// Small network helpers for the lab: a free local port, and waiting for a server to answer.

import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
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

export interface TcpConnection {
  localPort: number;
  remotePort: number;
}

/**
 * The established IPv4 TCP connections whose sockets `pid` holds open, from /proc (what
 * `ss -tnp` shows for that pid). [] when the process is gone or not ours to read.
 */
export function establishedConnections(pid: number): TcpConnection[] {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      const target = safeReadlink(`/proc/${pid}/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode) inodes.add(inode);
    }
  } catch {
    return [];
  }
  const found: TcpConnection[] = [];
  let table: string;
  try {
    table = readFileSync(`/proc/${pid}/net/tcp`, 'utf8');
  } catch {
    return [];
  }
  // "sl local_address rem_address st ... inode": addresses are HEX_IP:HEX_PORT; st 01 = ESTABLISHED.
  for (const line of table.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    const [local, remote, state, inode] = [f[1], f[2], f[3], f[9]];
    if (state !== '01' || inode === undefined || !inodes.has(inode)) continue;
    const port = (address: string | undefined): number =>
      parseInt(address?.split(':')[1] ?? '', 16);
    found.push({ localPort: port(local), remotePort: port(remote) });
  }
  return found;
}

function safeReadlink(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}
