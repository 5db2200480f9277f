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

export interface ClientFrame {
  opcode: number;
  payload?: Buffer;
  fin?: boolean;
  /** RSV1..RSV3 as the three bits 0b111. */
  rsv?: number;
  masked?: boolean;
  /** Announce this length instead of the payload's (an oversized frame needs no body). */
  declaredLength?: number;
}

/** Encodes one WebSocket frame as a client would (masked unless told otherwise). */
export function clientFrame({
  opcode,
  payload = Buffer.alloc(0),
  fin = true,
  rsv = 0,
  masked = true,
  declaredLength = payload.length,
}: ClientFrame): Buffer {
  const head = [(fin ? 0x80 : 0) | (rsv << 4) | opcode];
  const maskBit = masked ? 0x80 : 0;
  let length: Buffer;
  if (declaredLength < 126) length = Buffer.from([maskBit | declaredLength]);
  else if (declaredLength < 65536) {
    length = Buffer.alloc(3);
    length[0] = maskBit | 126;
    length.writeUInt16BE(declaredLength, 1);
  } else {
    length = Buffer.alloc(9);
    length[0] = maskBit | 127;
    length.writeBigUInt64BE(BigInt(declaredLength), 1);
  }
  if (!masked) return Buffer.concat([Buffer.from(head), length, payload]);
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const body = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] ?? 0)));
  return Buffer.concat([Buffer.from(head), length, mask, body]);
}

/** The status code of the first close frame among the server's (unmasked) frames, or null. */
export function closeCodeOf(bytes: Buffer): number | null {
  let at = 0;
  while (at + 2 <= bytes.length) {
    const opcode = (bytes[at] ?? 0) & 0x0f;
    let length = (bytes[at + 1] ?? 0) & 0x7f;
    let start = at + 2;
    if (length === 126) {
      if (start + 2 > bytes.length) return null;
      length = bytes.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      if (start + 8 > bytes.length) return null;
      length = Number(bytes.readBigUInt64BE(start));
      start += 8;
    }
    if (start + length > bytes.length) return null;
    if (opcode === 0x8) return length >= 2 ? bytes.readUInt16BE(start) : 1005;
    at = start + length;
  }
  return null;
}

/** Completes a WebSocket handshake by hand; returns the client positioned after the 101 head. */
export async function rawUpgrade(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<RawClient> {
  const client = await RawClient.open(port);
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  client.write(
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n` +
      `Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n` +
      `Sec-WebSocket-Version: 13\r\n${lines.join('')}\r\n`,
  );
  const answer = await client.until((bytes) => bytes.includes('\r\n\r\n'));
  if (statusOf(answer) !== 101) throw new Error(`upgrade refused: ${answer.toString('latin1')}`);
  client.consume(answer.indexOf('\r\n\r\n') + 4);
  return client;
}

/**
 * Errors that escaped every handler in this process (in production they end the server).
 * Vitest reports them after the fact; this makes the test that caused them fail at once.
 */
export function escapedErrors(): unknown[] {
  const escaped: unknown[] = [];
  process.on('uncaughtException', (error) => escaped.push(error));
  return escaped;
}
