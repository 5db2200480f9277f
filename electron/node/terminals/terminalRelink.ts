import type { Client, ClientChannel, PseudoTtyOptions } from 'ssh2';
import { gapMarker, lostMarker, restartMarker } from '../../../shared/captureLog/gapMarker';
import type { TerminalLink } from '../../../shared/contract/index';
import type { LinkListener } from '../ssh/connectionManager';
import type { EventSink } from '../util/emitter';
import type { TerminalSession } from './terminalSession';

/** Opens a PTY channel: a login shell when `command` is absent. */
type OpenPty = (client: Client, pty: PseudoTtyOptions, command?: string) => Promise<ClientChannel>;

/**
 * What one terminal does when its connection drops and comes back. It keeps its scrollback and
 * marks the gap; a shell gets a new shell at once; a command (a capture) is interrupted and
 * runs again only when the user asks (`restart`), into the same terminal.
 */
export class TerminalRelink implements LinkListener {
  private interrupted = false;

  constructor(
    private readonly session: TerminalSession,
    /** The PTY as last sized: a new channel opens at the size the page shows. */
    private readonly pty: PseudoTtyOptions & { cols: number; rows: number },
    private readonly command: string | undefined,
    private readonly openPty: OpenPty,
    private readonly emit: EventSink,
    private readonly now: () => number = Date.now,
  ) {}

  resized(cols: number, rows: number): void {
    this.pty.cols = cols;
    this.pty.rows = rows;
  }

  lost(lostAt: number, reason: string): void {
    this.interrupted = false;
    const message = lostMarker(lostAt, reason);
    this.session.suspend(message);
    this.tell('lost', message);
  }

  restored(client: Client, lostAt: number): void {
    if (!this.session.suspended) return;
    const backAt = this.now();
    if (this.command !== undefined) {
      this.interrupted = true;
      const message = gapMarker(lostAt, backAt, 'interrupted');
      this.session.mark(message);
      this.tell('interrupted', message);
      return;
    }
    this.openPty(client, this.pty).then(
      (channel) => this.resume(channel, gapMarker(lostAt, backAt, 'new-shell')),
      (error: unknown) =>
        this.session.abort(
          `The connection came back, but a new shell could not open: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
  }

  closed(reason: string): void {
    this.session.abort(reason);
  }

  /** Runs an interrupted command again on `client`; false when the terminal is not interrupted. */
  async restart(client: Client): Promise<boolean> {
    const command = this.command;
    if (!this.interrupted || command === undefined || !this.session.suspended) return false;
    this.interrupted = false;
    try {
      const channel = await this.openPty(client, this.pty, command);
      this.resume(channel, restartMarker(this.now(), command));
      return true;
    } catch (error) {
      this.interrupted = true;
      throw error;
    }
  }

  private resume(channel: ClientChannel, message: string): void {
    // Closed by the user meanwhile: resume closes the new channel at once.
    const open = this.session.suspended;
    this.session.resume(channel, message, this.pty);
    if (open) this.tell('running', message);
  }

  private tell(link: TerminalLink, message: string): void {
    this.emit('terminal.onLinkChanged', { terminalId: this.session.id, link, message });
  }
}
