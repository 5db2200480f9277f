import type { ClientChannel } from 'ssh2';
import { FlowControl, type TerminalClientMessage } from '../../../shared/contract/index';
import type { CaptureLog } from './captureLog';
import { Scrollback } from './scrollback';

/** Where a terminal's bytes go: a MessagePort in Electron, a WebSocket in the browser mode. */
export interface ByteSink {
  send(bytes: Uint8Array): void;
  /** The program ended; every byte has been sent. Called once per sink. */
  end(): void;
  /** A line of the workbench's own, after the bytes sent before it (shown, never parsed). */
  note(text: string): void;
}

export interface TerminalExit {
  exitCode: number | null;
  signal: string | null;
  reason?: string;
}

const MAX_BATCH_BYTES = 64 * 1024;
/** What a page that comes back (a reload, a crash) gets to redraw the terminal and its view. */
const SCROLLBACK_BYTES = 4 * 1024 * 1024;
/** Output waits at most this long to share a message with what follows (one 240 Hz frame). */
const COALESCE_MS = 4;

/**
 * One PTY channel and its byte stream to the renderer, with ack-based flow control: the
 * channel is paused while more than HIGH_WATERMARK bytes are unacknowledged, so ssh2 stops
 * widening the SSH window and the remote program blocks on its write instead of filling memory.
 */
export class TerminalSession {
  private sink: ByteSink | null = null;
  private sentBytes = 0;
  private ackedBytes = 0;
  private pausedForFlow = false;
  private exited = false;
  private exitInfo: TerminalExit = { exitCode: null, signal: null };
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private flushScheduled = false;
  private flushTimer: NodeJS.Timeout | undefined;
  /** When the last message went: messages are at least COALESCE_MS apart during a flood. */
  private lastFlushAt = 0;
  /** The capture log's disk writes are behind: the channel waits for them, nothing is dropped. */
  private diskBehind = false;
  /** Closed by us: the renderer's pace no longer matters, the channel must drain to end. */
  private closing = false;
  private logWritten!: () => void;
  /** Resolves once the session has finished and its capture log (if any) is closed. */
  private readonly logDone = new Promise<void>((resolve) => (this.logWritten = resolve));
  /** Told of every byte of output, after the capture log (a sudo prompt watcher). */
  private outputListeners = new Set<(data: Buffer) => void>();
  /** Highest number of unacknowledged bytes seen: the bench and tests read it. */
  peakUnackedBytes = 0;
  readonly scrollback = new Scrollback(SCROLLBACK_BYTES);
  private attachedOnce = false;

  /** null while the connection is lost, or a capture waits to be restarted. */
  private channel: ClientChannel | null = null;

  constructor(
    readonly id: string,
    channel: ClientChannel,
    private readonly onExit: (exit: TerminalExit) => void,
    private readonly log?: CaptureLog,
  ) {
    this.bind(channel);
  }

  /** Reads `channel` from now on; what a channel that was replaced still says is ignored. */
  private bind(channel: ClientChannel): void {
    this.channel = channel;
    this.exitInfo = { exitCode: null, signal: null };
    // Nothing is read until a page first attaches, so its parser sees the output from the first
    // byte however fast it comes; after that, a page's absence never holds the program up.
    channel.pause();
    const current = () => this.channel === channel;
    channel.on('data', (data: Buffer) => current() && this.received(data));
    channel.stderr.on('data', (data: Buffer) => current() && this.received(data));
    channel.on('exit', (code: number | null, signal?: string) => {
      if (!current()) return;
      this.exitInfo = { exitCode: typeof code === 'number' ? code : null, signal: signal ?? null };
    });
    channel.on('close', () => current() && this.finish(this.exitInfo));
  }

  /** True once the program ended (or the terminal was closed): nothing more comes. */
  get ended(): boolean {
    return this.exited;
  }

  /** True while the terminal has no channel: its connection dropped, or a capture was cut. */
  get suspended(): boolean {
    return this.channel === null && !this.exited;
  }

  /**
   * The connection under this terminal dropped, but may come back: keep everything (the page's
   * scrollback, the parser's model, the capture log), take what ssh2 still held, and say so.
   */
  suspend(marker: string): void {
    if (this.exited) return;
    this.takeHeldOutput(true);
    this.channel = null;
    this.mark(marker);
  }

  /** A new channel (a new shell, or the capture run again) continues this terminal. */
  resume(channel: ClientChannel, marker: string, size: { cols: number; rows: number }): void {
    if (this.exited) {
      channel.close();
      return;
    }
    this.mark(marker);
    this.bind(channel);
    channel.setWindow(size.rows, size.cols, 0, 0);
    this.updateFlow();
  }

  /**
   * A line on the page's screen and a marker in the capture log, both apart from the program's
   * output, so no parser reads it. The scrollback keeps it at its place, for a page attached later.
   */
  mark(text: string): void {
    if (this.exited) return;
    this.log?.marker(text);
    this.scrollback.note(text);
    this.flush();
    this.sink?.note(text);
  }

  get unackedBytes(): number {
    return this.sentBytes - this.ackedBytes;
  }

  get totalSentBytes(): number {
    return this.sentBytes;
  }

  /**
   * A page's stream starts: it gets the scrollback first (all of the output when it fits, so a
   * capture's parser sees it from the start), then what follows. Flow control starts afresh.
   */
  attach(sink: ByteSink): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.sink = sink;
    this.attachedOnce = true;
    this.sentBytes = 0;
    this.ackedBytes = 0;
    this.pausedForFlow = false;
    for (const piece of this.scrollback.replayWithNotes(MAX_BATCH_BYTES)) {
      if ('note' in piece) {
        sink.note(piece.note);
        continue;
      }
      this.sentBytes += piece.bytes.length;
      sink.send(piece.bytes);
    }
    // A renderer that attaches after the end (a reload) still learns that nothing more comes.
    if (this.exited) sink.end();
    else this.updateFlow();
  }

  detach(sink: ByteSink): void {
    if (this.sink !== sink) return;
    this.sink = null;
    this.pending = [];
    this.pendingBytes = 0;
    this.updateFlow();
  }

  /** Calls back with each piece of output as it arrives; returns the unsubscribe. */
  onOutput(listener: (data: Buffer) => void): () => void {
    this.outputListeners.add(listener);
    return () => this.outputListeners.delete(listener);
  }

  /**
   * Input that only the remote program sees (a sudo password): written to the channel and
   * nowhere else. Typed input is not logged either; this one also never passes the renderer.
   */
  sendPrivately(text: string): void {
    if (!this.exited) this.channel?.write(text);
  }

  /** Returns false when the channel holds input it could not send yet: wait for `inputDrained`. */
  receive(message: TerminalClientMessage): boolean {
    // Typing into a terminal whose connection is gone goes nowhere, as in a frozen ssh.
    if (message.t === 'input') return !this.channel || this.channel.write(message.data);
    // An ack can never exceed what was sent; a bigger one is a confused client, clamp it.
    this.ackedBytes = Math.min(this.sentBytes, this.ackedBytes + message.bytes);
    this.updateFlow();
    return true;
  }

  /** Resolves once the channel has sent the input it held (or ended). */
  inputDrained(): Promise<void> {
    const channel = this.channel;
    if (this.exited || !channel) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        channel.off('drain', done);
        channel.off('close', done);
        resolve();
      };
      channel.on('drain', done);
      channel.on('close', done);
    });
  }

  resize(cols: number, rows: number): void {
    if (this.exited) return;
    this.channel?.setWindow(rows, cols, 0, 0);
    this.log?.resize(cols, rows);
  }

  close(reason?: string): void {
    if (this.exited) return;
    if (!this.channel) {
      this.finish({ ...this.exitInfo, reason: reason ?? 'Closed.' });
      return;
    }
    this.channel.close();
    if (reason) this.exitInfo = { ...this.exitInfo, reason };
    // A paused channel with data still buffered never ends (no 'close', no finish): from now on
    // only the disk may hold it back, so what is left flows out into the capture log.
    this.closing = true;
    this.updateFlow();
  }

  /** The connection under this terminal went away. */
  abort(reason: string): void {
    this.takeHeldOutput(false);
    this.finish({ exitCode: null, signal: null, reason });
  }

  /**
   * The last output before a disconnect is what the log exists for: take what ssh2 still holds
   * in the paused channel, into the log, and to the page too when the terminal goes on.
   */
  private takeHeldOutput(toPage: boolean): void {
    const channel = this.channel;
    if (!channel || this.exited || (!this.log && !toPage)) return;
    for (const stream of [channel, channel.stderr]) {
      for (let chunk = stream.read() as Buffer | null; chunk !== null; chunk = stream.read()) {
        this.log?.output(chunk);
        this.scrollback.push(chunk);
        if (toPage) this.forward(chunk);
      }
    }
  }

  /** Resolves once the terminal has ended and its capture log (if any) is on disk. */
  get logClosed(): Promise<void> {
    return this.logDone;
  }

  /** Every byte goes to the capture log first, whether or not a renderer is attached. */
  private received(data: Buffer): void {
    this.scrollback.push(data);
    if (this.log && !this.log.output(data) && !this.diskBehind) {
      this.diskBehind = true;
      this.channel?.pause();
      void this.log.drained().then(() => {
        this.diskBehind = false;
        this.updateFlow();
      });
    }
    for (const listener of this.outputListeners) listener(data);
    this.forward(data);
  }

  /**
   * ssh2 hands over ~2 KiB pieces (a PTY writes one line at a time); they are batched up to
   * MAX_BATCH_BYTES per message, flushed on the next turn of the event loop, so a flood is a
   * few thousand messages instead of a hundred thousand, and typing still echoes at once.
   * A message that would follow the last one within COALESCE_MS waits out the rest of that time:
   * a fast tool printing short lines (strace -f) is then a few hundred messages a second, each
   * one frame's worth, instead of one per line.
   */
  private forward(data: Buffer): void {
    if (!this.sink) return;
    this.pending.push(data);
    this.pendingBytes += data.length;
    this.sentBytes += data.length;
    this.peakUnackedBytes = Math.max(this.peakUnackedBytes, this.unackedBytes);
    if (this.pendingBytes >= MAX_BATCH_BYTES) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      const wait = COALESCE_MS - (performance.now() - this.lastFlushAt);
      if (wait <= 0) setImmediate(() => this.flush());
      else this.flushTimer = setTimeout(() => this.flush(), wait);
    }
    this.updateFlow();
  }

  private flush(): void {
    this.flushScheduled = false;
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.length === 0 || !this.sink) return;
    this.lastFlushAt = performance.now();
    const batch =
      this.pending.length === 1
        ? (this.pending[0] as Buffer)
        : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.sink.send(batch);
  }

  private updateFlow(): void {
    if (this.exited || !this.channel) return;
    if (!this.sink && !this.attachedOnce && !this.closing) return;
    const unacked = this.unackedBytes;
    // Without a page (a reload) nobody acks: read on, so the remote program never blocks on us;
    // the scrollback keeps the end of it and the capture log all of it.
    if (this.closing || !this.sink) this.pausedForFlow = false;
    else if (unacked >= FlowControl.HIGH_WATERMARK_BYTES) this.pausedForFlow = true;
    else if (unacked <= FlowControl.LOW_WATERMARK_BYTES) this.pausedForFlow = false;
    // Between the watermarks the state stays as it was (no flapping); the disk can hold it too.
    if (this.pausedForFlow || this.diskBehind) this.channel.pause();
    else this.channel.resume();
  }

  private finish(exit: TerminalExit): void {
    if (this.exited) return;
    this.flush();
    this.exited = true;
    this.sink?.end();
    const ended =
      exit.reason ??
      (exit.signal ? `signal ${exit.signal}` : `exit code ${exit.exitCode ?? 'unknown'}`);
    if (this.log) void this.log.close(ended).then(this.logWritten);
    else this.logWritten();
    this.onExit(exit);
  }
}
