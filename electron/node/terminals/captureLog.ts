import { isUtf8 } from 'node:buffer';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { eventLine, headerLine, type CastHeader } from '../../../shared/captureLog/asciicast';
import { LosslessDecoder } from '../../../shared/captureLog/bytesText';

export interface CaptureLogOptions {
  /** The folder of all logs; a folder per day is made below it. */
  dir: string;
  terminalId: string;
  host: string;
  title: string;
  command?: string;
  cols: number;
  rows: number;
  /** Called once if writing fails (at open or later): the log stops, the terminal does not. */
  onFailure?: (error: Error) => void;
}

const slug = (text: string): string =>
  text
    .replace(/[^\w.@-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60) || 'terminal';

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * What the log may hold in memory before the session stops reading (fs streams default to
 * 16 KiB: a flood's every 64 KiB chunk then paused the SSH channel until its write returned).
 */
const LOG_BUFFER = 1 << 20;

/**
 * A terminal's output, kept on disk as it arrives (asciicast v2): every byte, losslessly, with its
 * time, plus resizes and how it ended. What the user types is not logged (passwords typed at a
 * prompt that does not echo). The file is the user's alone (0600, in a 0700 folder).
 *
 * The log never drops: `output` says when the disk is behind, and the session stops reading the
 * SSH channel until `drained` resolves, as it does for a slow renderer.
 */
export class CaptureLog {
  readonly path: string;
  private readonly stream: WriteStream;
  private readonly decoder = new LosslessDecoder((bytes) =>
    isUtf8(bytes)
      ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8')
      : null,
  );
  /** Monotonic: event times never go back when the wall clock is set. */
  private readonly started = performance.now();
  private failure: Error | null = null;
  private closed = false;

  private constructor(path: string, header: CastHeader, onFailure?: (error: Error) => void) {
    this.path = path;
    this.stream = createWriteStream(path, { flags: 'wx', mode: 0o600, highWaterMark: LOG_BUFFER });
    this.stream.on('error', (error) => {
      if (this.failure) return;
      this.failure = error;
      onFailure?.(error);
    });
    this.stream.write(headerLine(header));
  }

  static open(options: CaptureLogOptions): CaptureLog {
    const now = new Date();
    const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    const folder = join(options.dir, day);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const time = `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
    const name = `${time}-${slug(options.host)}-${slug(options.title)}-${options.terminalId}.cast`;
    return new CaptureLog(
      join(folder, name),
      {
        version: 2,
        width: options.cols,
        height: options.rows,
        timestamp: Math.floor(now.getTime() / 1000),
        title: options.title,
        ...(options.command ? { command: options.command } : {}),
        env: { TERM: 'xterm-256color' },
        workbench: { host: options.host, bytes: 'surrogateescape' },
      },
      options.onFailure,
    );
  }

  /** The write error that stopped the log, if any (disk full, folder removed). */
  get error(): Error | null {
    return this.failure;
  }

  private get seconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  /** Appends output; false when the disk is behind (wait for `drained()` before reading more). */
  output(bytes: Uint8Array): boolean {
    if (this.closed || this.failure) return true;
    const text = this.decoder.decode(bytes);
    return text === '' || this.stream.write(eventLine(this.seconds, 'o', text));
  }

  resize(cols: number, rows: number): void {
    if (!this.closed && !this.failure)
      this.stream.write(eventLine(this.seconds, 'r', `${cols}x${rows}`));
  }

  /** A marker event (`"m"`): where the connection dropped and came back, a capture restarted. */
  marker(text: string): void {
    if (!this.closed && !this.failure) this.stream.write(eventLine(this.seconds, 'm', text));
  }

  /** Resolves when the disk has caught up (at once if it never fell behind or failed). */
  async drained(): Promise<void> {
    if (!this.stream.writableNeedDrain || this.failure || this.closed) return;
    const stream = this.stream;
    // Plain listeners, both removed when either fires (an AbortController per wait cost a
    // DOMException per drain; an error is followed by 'close').
    await new Promise<void>((resolve) => {
      const done = (): void => {
        stream.off('drain', done);
        stream.off('close', done);
        resolve();
      };
      stream.on('drain', done);
      stream.on('close', done);
    });
  }

  /** Writes what is left of a cut character and how the terminal ended, then closes the file. */
  async close(ended: string): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.failure) {
      const rest = this.decoder.end();
      if (rest) this.stream.write(eventLine(this.seconds, 'o', rest));
      this.stream.write(eventLine(this.seconds, 'm', `ended: ${ended}`));
    }
    const closing = this.stream.closed ? null : once(this.stream, 'close');
    this.stream.end();
    await closing?.catch(() => undefined);
  }
}
