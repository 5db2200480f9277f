import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { open, readFile, rm } from 'node:fs/promises';
import { z } from 'zod';

/** This app instance, as its lock files name it. */
const INSTANCE = randomBytes(8).toString('hex');

const LockFile = z.object({
  pid: z.number().int(),
  host: z.string(),
  instance: z.string(),
  since: z.string(),
});
type LockFile = z.infer<typeof LockFile>;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/** Who holds an investigation, in words, for the page that cannot write to it. */
const holderText = (lock: LockFile) =>
  `it is open in another instance of the workbench (process ${lock.pid} on ${lock.host}, since ${lock.since})`;

/**
 * One writer per investigation. Across processes: a lock file made with O_EXCL holding the pid,
 * host and instance; a lock of a dead process on this host is taken over. Within this instance:
 * the page (renderer client) that opened it; another page gets it read-only.
 */
export class NotebookLocks {
  private readonly holders = new Map<string, string>();

  /** Null when `owner` may now write to it; else why not. */
  async acquire(investigationId: string, lockPath: string, owner: string): Promise<string | null> {
    const holder = this.holders.get(investigationId);
    if (holder === owner) return null;
    if (holder !== undefined) return 'it is open in another window or tab of this workbench';
    for (let attempt = 0; attempt < 2; attempt++) {
      const lock: LockFile = {
        pid: process.pid,
        host: hostname(),
        instance: INSTANCE,
        since: new Date().toISOString(),
      };
      try {
        const handle = await open(lockPath, 'wx', 0o600);
        await handle.writeFile(`${JSON.stringify(lock)}\n`);
        await handle.close();
        this.holders.set(investigationId, owner);
        return null;
      } catch (error) {
        if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
      }
      const text = await readFile(lockPath, 'utf8').catch(() => '');
      const parsed = LockFile.safeParse(safeJson(text));
      const other = parsed.success ? parsed.data : null;
      // A lock left by a process of this host that is gone (a crash, kill -9) is stale.
      const stale =
        other === null
          ? text === ''
          : other.instance === INSTANCE || (other.host === hostname() && !alive(other.pid));
      if (!stale) return other ? holderText(other) : 'its lock file cannot be read';
      await rm(lockPath, { force: true });
    }
    return 'its lock could not be taken';
  }

  holds(investigationId: string, owner: string): boolean {
    return this.holders.get(investigationId) === owner;
  }

  async release(investigationId: string, lockPath: string, owner: string): Promise<void> {
    if (this.holders.get(investigationId) !== owner) return;
    this.holders.delete(investigationId);
    await rm(lockPath, { force: true });
  }

  /** The investigations a page held (it went away): theirs to release. */
  heldBy(owner: string): string[] {
    return [...this.holders].filter(([, o]) => o === owner).map(([id]) => id);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
