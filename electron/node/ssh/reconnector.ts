import type { Client } from 'ssh2';
import type { ConnectFailure } from '../../../shared/contract/index';
import { reconnectDelayMs } from '../../../shared/util/backoff';
import { SshConnectError } from './connectErrors';

/**
 * Failures a retry cannot fix: trying again would repeat them, and a loop of refused logins can
 * lock an account or trip an intrusion detector. A changed host key must stop everything.
 */
const FINAL_FAILURES: ReadonlySet<ConnectFailure> = new Set<ConnectFailure>([
  'auth',
  'key-file',
  'passphrase',
  'host-key-rejected',
  'host-key-changed',
]);

export interface ReconnectProgress {
  attempt: number;
  lostAt: number;
  /** null while an attempt is under way. */
  nextTryAt: number | null;
  lastError?: string;
}

export interface ReconnectHooks {
  /** Opens a new authenticated client to the same host (asking only for what is not held). */
  open(): Promise<Client>;
  progress(progress: ReconnectProgress): void;
  restored(client: Client): void;
  gaveUp(failure: ConnectFailure, message: string): void;
}

interface ReconnectTiming {
  /** The wait before attempt n (1 = first); backoff with jitter unless a test sets its own. */
  delayMs?(attempt: number): number;
  now?(): number;
}

/**
 * Tries to open a dropped connection again, with exponential backoff, until it opens, a failure
 * that retrying cannot fix stops it, or the user cancels. One attempt at a time.
 */
export class Reconnector {
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private trying = false;
  private stopped = false;
  private lastError: string | undefined;
  private nextTryAt: number | null = null;
  private readonly delayMs: (attempt: number) => number;
  private readonly now: () => number;

  constructor(
    private readonly hooks: ReconnectHooks,
    readonly lostAt: number,
    timing: ReconnectTiming = {},
  ) {
    this.delayMs = timing.delayMs ?? ((attempt) => reconnectDelayMs(attempt, Math.random()));
    this.now = timing.now ?? Date.now;
  }

  start(): void {
    this.schedule();
  }

  /** Skips the wait. False when stopped or an attempt is already under way. */
  tryNow(): boolean {
    if (this.stopped || this.trying) return false;
    clearTimeout(this.timer);
    void this.tryOnce();
    return true;
  }

  /** Stops for good; an attempt under way is discarded when it ends. */
  cancel(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private publish(): void {
    this.hooks.progress({
      attempt: this.attempt,
      lostAt: this.lostAt,
      nextTryAt: this.nextTryAt,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    });
  }

  private schedule(): void {
    this.attempt += 1;
    const delay = this.delayMs(this.attempt);
    this.nextTryAt = this.now() + delay;
    this.publish();
    this.timer = setTimeout(() => void this.tryOnce(), delay);
  }

  private async tryOnce(): Promise<void> {
    if (this.stopped || this.trying) return;
    this.trying = true;
    this.nextTryAt = null;
    this.publish();
    try {
      const client = await this.hooks.open();
      if (this.stopped) {
        client.end();
        return;
      }
      this.stopped = true;
      this.hooks.restored(client);
    } catch (error) {
      if (this.stopped) return;
      const failure = error instanceof SshConnectError ? error.failure : 'protocol';
      const message = error instanceof Error ? error.message : String(error);
      if (FINAL_FAILURES.has(failure)) {
        this.stopped = true;
        this.hooks.gaveUp(failure, message);
        return;
      }
      this.lastError = message;
      this.schedule();
    } finally {
      this.trying = false;
    }
  }
}
