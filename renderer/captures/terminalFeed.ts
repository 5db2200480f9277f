import { FlowControl } from '../../shared/contract/index';
import type { TerminalStream } from '../transport/transport';
import { MarkerSplit } from '../../shared/captures/markerSplit';
import { markerLine } from '../../shared/captureLog/gapMarker';
import { parseStreams } from './parseStreams';
import { ScreenDraws, type FrameScheduler } from './screenDraws';

/** Where a terminal's output is drawn: xterm.js, when its pane is mounted. */
export interface ScreenSink {
  /** `parsed` runs once the screen has processed the bytes (flow control counts that). */
  write(bytes: Uint8Array, parsed: () => void): void;
  /** A line of the workbench's own, not the program's output. */
  note(text: string): void;
}

/** Written once in place of the bulk data a capture prints for its parser only. */
const HIDDEN_NOTE =
  '\x1b[2m(what follows goes to the parsed view beside this terminal; it is not printed here)\x1b[0m\r\n';
/** Output kept for a screen not mounted yet; older bytes are dropped past this (the parser had them). */
const HELD_LIMIT_BYTES = 4 * 1024 * 1024;
/** What a pinned snapshot keeps of the parsed output: the last this many bytes of it. */
const ROUTED_KEEP_BYTES = 16 * 1024 * 1024;

/** The output a parse stream has read so far (its last bytes, past the cap). */
export interface RoutedOutput {
  bytes: Uint8Array[];
  /** Bytes read before those, no longer kept here (the capture log has them). */
  droppedBytes: number;
}

/**
 * One terminal's output, owned outside React: every byte goes to the parse stream it is routed
 * to and to the screen, whether or not the screen is mounted, shown or in a background tab.
 * Bytes a screen has not drawn are acknowledged at once: the parser has them, and the host must
 * never wait for a view that is not there.
 */
export class TerminalFeed {
  private screen: ScreenSink | null = null;
  /** Output and notes, in order, waiting for a screen. */
  private held: (Uint8Array | string)[] = [];
  private heldBytes = 0;
  private droppedBytes = 0;
  private unacked = 0;
  /** Bytes written to the current screen that it has not processed yet. */
  private inScreen = 0;
  private route: string | null = null;
  private routed: RoutedOutput = { bytes: [], droppedBytes: 0 };
  private routedBytes = 0;
  private readonly divert: MarkerSplit | null;
  private ended = false;
  private readonly endListeners: (() => void)[] = [];
  /** Output for the screen, held until its next draw. */
  private readonly draws: ScreenDraws;

  constructor(
    private readonly stream: TerminalStream,
    options: { hideAfter?: string; frame?: FrameScheduler } = {},
  ) {
    this.draws = new ScreenDraws((bytes, count) => this.write(bytes, count), options.frame);
    this.divert = options.hideAfter ? new MarkerSplit(options.hideAfter) : null;
    stream.onData((bytes) => this.received(bytes));
    stream.onEnd(() => {
      this.ended = true;
      if (this.route) parseStreams.close(this.route);
      for (const listener of this.endListeners) listener();
    });
    // The workbench's own lines (the connection dropped, came back): on the screen only.
    stream.onNote((text) => this.note(markerLine(text)));
    // The byte stream broke (a bad frame, the server gone): say so where the output stopped.
    stream.onClosed((reason) => {
      if (!this.ended)
        this.note(
          `\r\n\x1b[31m[output stopped: the terminal's socket closed: ${reason}]\x1b[0m\r\n`,
        );
    });
  }

  /** True once the program ended and all its output has arrived. */
  get hasEnded(): boolean {
    return this.ended;
  }

  /** From now on the output also goes to this parse stream (null: to none); the previous one is closed. */
  routeTo(streamId: string | null): void {
    if (this.route && this.route !== streamId) parseStreams.close(this.route);
    if (this.route !== streamId) {
      this.routed = { bytes: [], droppedBytes: 0 };
      this.routedBytes = 0;
    }
    this.route = streamId;
  }

  /** What the current parse stream has read: a snapshot keeps it as its raw text. */
  routedOutput(): RoutedOutput {
    return { bytes: [...this.routed.bytes], droppedBytes: this.routed.droppedBytes };
  }

  get routedTo(): string | null {
    return this.route;
  }

  onEnd(listener: () => void): void {
    this.endListeners.push(listener);
  }

  sendInput(data: string): void {
    this.stream.sendInput(data);
  }

  /** Draws what was held, then every byte as it comes; returns the detach. */
  attachScreen(screen: ScreenSink): () => void {
    this.screen = screen;
    if (this.droppedBytes > 0)
      screen.note(`\x1b[2m[${this.droppedBytes} earlier bytes are in the capture log]\x1b[0m\r\n`);
    for (const item of this.held) {
      if (typeof item === 'string') screen.note(item);
      else screen.write(item, () => undefined);
    }
    this.held = [];
    this.heldBytes = 0;
    this.droppedBytes = 0;
    return () => {
      if (this.screen !== screen) return;
      // A disposed screen never reports its last writes processed: they count as done.
      this.screen = null;
      this.draws.drawNow();
      this.acked(this.inScreen);
      this.inScreen = 0;
    };
  }

  close(): void {
    if (this.route) parseStreams.close(this.route);
    this.route = null;
    this.screen = null;
    this.stream.close();
  }

  private received(bytes: Uint8Array): void {
    if (this.route) {
      parseStreams.feed(this.route, bytes);
      this.keepRouted(bytes);
    }
    if (!this.divert) return this.show(bytes);
    const wasPassed = this.divert.passed;
    const { shown, hidden } = this.divert.split(bytes);
    if (shown.length > 0) this.show(shown);
    if (this.divert.passed && !wasPassed) this.note(HIDDEN_NOTE);
    // Hidden bytes are consumed as soon as the parser has them (its worker reads faster than
    // SSH delivers), so flow control goes on counting them.
    if (hidden.length > 0) this.acked(hidden.length);
  }

  private show(bytes: Uint8Array): void {
    if (this.screen) {
      this.draws.push(bytes);
      return;
    }
    this.held.push(bytes);
    this.heldBytes += bytes.length;
    while (this.heldBytes > HELD_LIMIT_BYTES && this.held.length > 1) {
      const dropped = this.held.shift();
      if (typeof dropped === 'string' || !dropped) continue;
      this.heldBytes -= dropped.length;
      this.droppedBytes += dropped.length;
    }
    this.acked(bytes.length);
  }

  /** Acknowledged once xterm.js has parsed it, or at once with no screen to draw it. */
  private write(bytes: Uint8Array, count: number): void {
    const screen = this.screen;
    if (!screen) return this.acked(count);
    this.inScreen += count;
    screen.write(bytes, () => {
      if (this.screen !== screen) return; // detached: already counted
      this.inScreen -= count;
      this.acked(count);
    });
  }

  private keepRouted(bytes: Uint8Array): void {
    this.routed.bytes.push(bytes);
    this.routedBytes += bytes.length;
    while (this.routedBytes > ROUTED_KEEP_BYTES && this.routed.bytes.length > 1) {
      const dropped = this.routed.bytes.shift()?.length ?? 0;
      this.routedBytes -= dropped;
      this.routed.droppedBytes += dropped;
    }
  }

  private note(text: string): void {
    // A note goes after the output that came before it.
    this.draws.drawNow();
    if (this.screen) this.screen.note(text);
    else this.held.push(text);
  }

  private acked(count: number): void {
    this.unacked += count;
    if (this.unacked >= FlowControl.ACK_BATCH_BYTES) {
      this.stream.ack(this.unacked);
      this.unacked = 0;
    }
  }
}
