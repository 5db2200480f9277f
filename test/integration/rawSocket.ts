import { connect, type Socket } from 'node:net';

/** A raw TCP client to the browser-mode server: what an attacker's script would send. */
export class RawClient {
  private received = Buffer.alloc(0);
  private closedFlag = false;
  private readonly closed: Promise<void>;
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: Socket) {
    socket.on('data', (data: Buffer) => {
      this.received = Buffer.concat([this.received, data]);
      this.wake();
    });
    // A reset from the server is an answer too: record it, never throw from here.
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.on('close', () => {
        this.closedFlag = true;
        this.wake();
        resolve();
      }),
    );
  }

  static open(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  write(bytes: string | Buffer): void {
    this.socket.write(bytes);
  }

  get bytes(): Buffer {
    return this.received;
  }

  get isClosed(): boolean {
    return this.closedFlag;
  }

  /** Waits until the server closed the connection or `timeoutMs` passed; returns what it sent. */
  async untilClosed(timeoutMs = 5000): Promise<Buffer> {
    await Promise.race([this.closed, new Promise((r) => setTimeout(r, timeoutMs))]);
    return this.received;
  }

  /** Waits until `test` holds on the bytes received so far, or the connection closed. */
  async until(test: (bytes: Buffer) => boolean, timeoutMs = 5000): Promise<Buffer> {
    const deadline = Date.now() + timeoutMs;
    while (!test(this.received) && !this.closedFlag && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
    return this.received;
  }

  /** Drops the bytes received so far (after a handshake, to read frames only). */
  consume(count: number): void {
    this.received = this.received.subarray(count);
  }

  destroy(): void {
    this.socket.destroy();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

/** The status code of an HTTP response, or null when the bytes hold none. */
export function statusOf(response: Buffer): number | null {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(response.toString('latin1'));
  return match ? Number(match[1]) : null;
}

/** Sends one raw request on a fresh connection; returns the answer's head (or all until close). */
export async function rawRequest(port: number, request: string | Buffer): Promise<Buffer> {
  const client = await RawClient.open(port);
  client.write(request);
  const answer = await client.until((bytes) => bytes.includes('\r\n\r\n'));
  client.destroy();
  return answer;
}
