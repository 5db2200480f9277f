import { newId } from '../util/ids';

/** A page load's id as the renderer presents it (a UUID); anything else gets an id of our own. */
const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

export function clientIdOrNew(given: string | null | undefined): string {
  return given && CLIENT_ID.test(given) ? given : newId('r');
}

/**
 * Which renderers (page loads) are alive. A renderer owns the terminals it opened; once it is
 * gone, `onGone` hands them over to the next page (or ends them when none comes). A browser
 * page's socket may drop and come back with the same id within `graceMs`; a reload is a new
 * page with a new id, which may take the old page's terminals over at once.
 */
export class RendererClients {
  private openSockets = new Map<string, number>();
  private pendingEnds = new Map<string, NodeJS.Timeout>();
  private ended = new Set<string>();

  constructor(
    private readonly onGone: (clientId: string) => void,
    private readonly graceMs: number,
  ) {}

  /** A socket of `clientId` opened; returns what to call when it closes. */
  connected(clientId: string): () => void {
    this.cancelPendingEnd(clientId);
    this.ended.delete(clientId);
    this.openSockets.set(clientId, (this.openSockets.get(clientId) ?? 0) + 1);
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      const left = (this.openSockets.get(clientId) ?? 1) - 1;
      if (left > 0) {
        this.openSockets.set(clientId, left);
        return;
      }
      this.openSockets.delete(clientId);
      const timer = setTimeout(() => this.gone(clientId), this.graceMs);
      timer.unref();
      this.pendingEnds.set(clientId, timer);
    };
  }

  /** The renderer is gone for good (a reload, a crash, a closed window): its terminals end now. */
  gone(clientId: string): void {
    this.cancelPendingEnd(clientId);
    this.openSockets.delete(clientId);
    this.ended.add(clientId);
    this.onGone(clientId);
  }

  /** Whether a page of `clientId` has a socket open now (Electron's window page has none). */
  present(clientId: string): boolean {
    return this.openSockets.has(clientId);
  }

  /** A request that completes after its page has gone must not leave a terminal behind. */
  isGone(clientId: string): boolean {
    return this.ended.has(clientId);
  }

  dispose(): void {
    for (const timer of this.pendingEnds.values()) clearTimeout(timer);
    this.pendingEnds.clear();
  }

  private cancelPendingEnd(clientId: string): void {
    clearTimeout(this.pendingEnds.get(clientId));
    this.pendingEnds.delete(clientId);
  }
}

/**
 * The Electron window's page: every document it loads (a reload, a navigation, a restart after
 * a crash) is a new renderer, and the one before it is gone at once (there is no socket to wait for).
 */
export class WindowPage {
  private current = newId('r');

  constructor(private readonly clients: RendererClients) {}

  get clientId(): string {
    return this.current;
  }

  /** A new document started loading, or the renderer process died. */
  replaced(): void {
    this.clients.gone(this.current);
    this.current = newId('r');
  }

  /** The window's web contents were destroyed. */
  closed(): void {
    this.clients.gone(this.current);
  }
}
