import type { Client, ClientChannel, PseudoTtyOptions } from 'ssh2';
import type { CaptureParams } from '../../../shared/captures/recipes';
import type { LiveTerminal, TerminalInfo } from '../../../shared/contract/index';
import type { ConnectionManager } from '../ssh/connectionManager';
import type { EventSink } from '../util/emitter';
import { newId } from '../util/ids';
import { CaptureLog } from './captureLog';
import { KeptAppTabs } from './keptAppTabs';
import { TerminalRelink } from './terminalRelink';
import { TerminalSession, type TerminalExit } from './terminalSession';

export interface OpenRequest {
  connectionId: string;
  cols: number;
  rows: number;
  title: string;
  /** A command run in its own PTY; a login shell when absent. */
  command?: string;
  /** The renderer (page load) that opened it: the next page takes it over when that one is gone. */
  owner?: string;
  /** The capture it runs: a page that takes it over rebuilds that view. */
  capture?: CaptureParams;
}

/** A terminal's capture log as this process opened it: what a notebook may keep a copy of. */
export interface TerminalLog {
  terminalId: string;
  path: string;
  title: string;
  host: string;
  startedAt: string;
}

/**
 * Ended terminals kept for a page that comes back, each with at most 4 MB of scrollback: enough
 * for a few triages' bounded captures.
 */
const MAX_ENDED_KEPT = 32;

const SHUTTING_DOWN = 'The workbench is shutting down.';

/** Terminals by id: the PTY channels, their byte streams and their lifetimes. */
export class TerminalManager {
  private sessions = new Map<string, TerminalSession>();
  /** The page each terminal belongs to; null: its page is gone and none has taken it over yet. */
  private owners = new Map<string, string | null>();
  private orphanTimers = new Map<string, NodeJS.Timeout>();
  private listings = new Map<string, Omit<LiveTerminal, 'droppedBytes'>>();
  /** How each live terminal follows its connection through drops. */
  private relinks = new Map<string, { relink: TerminalRelink; connectionId: string }>();
  /** Terminals being closed on request: once ended, they are not kept for a page. */
  private closeRequested = new Set<string>();
  /** Terminals that ended by themselves, kept (scrollback and tab) until closed: oldest first. */
  private endedKept: string[] = [];
  /** Kept after the terminal ends, so its recording can still be pinned. */
  private logs = new Map<string, TerminalLog>();
  /** The pages' fleet and insights tabs over these terminals, taken over with them. */
  readonly appTabs = new KeptAppTabs();

  constructor(
    private readonly connections: ConnectionManager,
    private readonly emit: EventSink,
    /** Where every terminal's output is kept (asciicast files); none when absent. */
    private readonly logDir?: string,
  ) {}

  async open(request: OpenRequest): Promise<TerminalInfo> {
    const client = this.connections.client(request.connectionId);
    const pty: PseudoTtyOptions & { cols: number; rows: number } = {
      term: 'xterm-256color',
      cols: request.cols,
      rows: request.rows,
    };
    const channel = await openChannel(client, pty, request.command);
    const terminalId = newId('t');
    const { log, logError } = this.openLog(terminalId, request);
    const session = new TerminalSession(
      terminalId,
      channel,
      (exit) => {
        unsubscribe();
        this.relinks.delete(terminalId);
        const listing = this.listings.get(terminalId);
        // Ended by itself, its tab and what it printed stay for a page that comes back; closed
        // (by the user, or with no page to show it), it is gone.
        if (listing && !this.closeRequested.delete(terminalId)) this.keepEnded(listing, exit);
        else this.forget(terminalId);
        this.emit('terminal.onExit', { terminalId, ...exit });
      },
      log,
    );
    const relink = new TerminalRelink(session, pty, request.command, openChannel, this.emit);
    const unsubscribe = this.connections.onLink(request.connectionId, relink);
    this.sessions.set(terminalId, session);
    this.relinks.set(terminalId, { relink, connectionId: request.connectionId });
    if (log)
      this.logs.set(terminalId, {
        terminalId,
        path: log.path,
        title: request.title,
        host: this.connections.addressOf(request.connectionId) ?? request.connectionId,
        startedAt: new Date().toISOString(),
      });
    const info: TerminalInfo = {
      terminalId,
      connectionId: request.connectionId,
      title: request.title,
      ...(request.command ? { command: request.command } : {}),
      ...(log ? { logPath: log.path } : {}),
      ...(logError ? { logError } : {}),
    };
    if (request.owner) {
      this.owners.set(terminalId, request.owner);
      this.listings.set(terminalId, {
        ...info,
        startedAt: Date.now(),
        ...(request.capture ? { capture: request.capture } : {}),
      });
    }
    return info;
  }

  /**
   * `owner`'s page is gone: its terminals run on (their output goes to the scrollback and the
   * capture log) until another page takes them over, or `keepMs` passes and they are closed, so
   * nothing is left running on a host that no window shows.
   */
  orphanOwnedBy(owner: string, keepMs: number, reason: string): number {
    const owned = this.ownedBy(owner);
    for (const terminalId of owned) {
      this.owners.set(terminalId, null);
      const timer = setTimeout(() => this.close(terminalId, reason), keepMs);
      timer.unref();
      this.orphanTimers.set(terminalId, timer);
    }
    this.appTabs.ownerGone(owner, keepMs);
    return owned.length;
  }

  /**
   * `owner` (a page that just loaded) takes over every orphaned terminal, and those of pages
   * that `present` says are not there (a reloaded browser page is gone only after a grace).
   */
  reattach(owner: string, present: (clientId: string) => boolean): LiveTerminal[] {
    const taken: LiveTerminal[] = [];
    for (const [terminalId, current] of this.owners) {
      const listing = this.listings.get(terminalId);
      const session = this.sessions.get(terminalId);
      const orphan = current === null || (current !== owner && !present(current));
      if (!orphan || !listing || !session) continue;
      clearTimeout(this.orphanTimers.get(terminalId));
      this.orphanTimers.delete(terminalId);
      this.owners.set(terminalId, owner);
      taken.push({ ...listing, droppedBytes: session.scrollback.droppedBytes });
    }
    return taken;
  }

  private ownedBy(owner: string): string[] {
    return [...this.owners].filter(([, o]) => o === owner).map(([terminalId]) => terminalId);
  }

  /** A log that cannot be opened (disk full, no permission) does not stop the terminal. */
  private openLog(
    terminalId: string,
    request: OpenRequest,
  ): { log?: CaptureLog; logError?: string } {
    if (!this.logDir) return {};
    try {
      const log = CaptureLog.open({
        dir: this.logDir,
        terminalId,
        host: this.connections.addressOf(request.connectionId) ?? request.connectionId,
        title: request.title,
        ...(request.command ? { command: request.command } : {}),
        cols: request.cols,
        rows: request.rows,
        onFailure: (error) =>
          this.emit('terminal.onLogFailed', {
            terminalId,
            message: `The capture log stopped: ${error.message}`,
          }),
      });
      return { log };
    } catch (error) {
      return { logError: `Not logged to disk: ${(error as Error).message}` };
    }
  }

  /** The capture log of a terminal opened by this process, live or ended. */
  logOf(terminalId: string): TerminalLog | undefined {
    return this.logs.get(terminalId);
  }

  get(terminalId: string): TerminalSession | undefined {
    return this.sessions.get(terminalId);
  }

  resize(terminalId: string, cols: number, rows: number): boolean {
    const session = this.sessions.get(terminalId);
    session?.resize(cols, rows);
    this.relinks.get(terminalId)?.relink.resized(cols, rows);
    return Boolean(session);
  }

  /** Runs an interrupted capture again on its connection, into the same terminal. */
  async restart(terminalId: string): Promise<boolean> {
    const entry = this.relinks.get(terminalId);
    if (!entry) return false;
    return entry.relink.restart(this.connections.client(entry.connectionId));
  }

  close(terminalId: string, reason = 'Closed by the user.'): boolean {
    const session = this.sessions.get(terminalId);
    if (!session) return false;
    if (session.ended) this.forget(terminalId);
    else {
      this.closeRequested.add(terminalId);
      session.close(reason);
    }
    return true;
  }

  /** An ended terminal kept for its page; past MAX_ENDED_KEPT, the one that ended first goes. */
  private keepEnded(listing: Omit<LiveTerminal, 'droppedBytes'>, exit: TerminalExit): void {
    this.listings.set(listing.terminalId, { ...listing, exit });
    this.endedKept.push(listing.terminalId);
    const oldest = this.endedKept[0];
    if (this.endedKept.length > MAX_ENDED_KEPT && oldest) this.forget(oldest);
  }

  private forget(terminalId: string): void {
    this.sessions.delete(terminalId);
    this.owners.delete(terminalId);
    this.listings.delete(terminalId);
    this.closeRequested.delete(terminalId);
    this.endedKept = this.endedKept.filter((id) => id !== terminalId);
    clearTimeout(this.orphanTimers.get(terminalId));
    this.orphanTimers.delete(terminalId);
  }

  /** Closes every terminal; resolves when their capture logs are on disk. */
  disposeAll(): Promise<void> {
    for (const timer of this.orphanTimers.values()) clearTimeout(timer);
    this.orphanTimers.clear();
    this.appTabs.dispose();
    const sessions = [...this.sessions.values()];
    // Nothing is kept for a page any more: every terminal closes and is forgotten.
    for (const terminalId of [...this.sessions.keys()]) this.close(terminalId, SHUTTING_DOWN);
    return Promise.all(sessions.map((s) => s.logClosed)).then(() => undefined);
  }
}

function openChannel(
  client: Client,
  pty: PseudoTtyOptions,
  command?: string,
): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | undefined, channel: ClientChannel) =>
      error
        ? reject(new Error(`The host refused to open a terminal: ${error.message}`))
        : resolve(channel);
    if (command === undefined) client.shell(pty, done);
    else client.exec(command, { pty }, done);
  });
}
