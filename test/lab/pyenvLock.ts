import { rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * This machine's root `.bashrc` runs `pyenv rehash` in every login shell, and a rehash takes a
 * lock file (`shims/.pyenv-shim`) that a shell killed in the middle leaves behind. From then on,
 * every shell the lab's sshd starts waits for it (PYENV_REHASH_TIMEOUT, see sshd.ts) and prints
 * two lines of pyenv warnings before its own output; a capture then rightly counts them as not
 * understood. While a lab sshd runs, a lock older than a rehash ever takes is removed.
 */
const LOCK = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'shims', '.pyenv-shim');
/** A rehash holds the lock well under a second, even on a busy 2-core machine. */
const STALE_MS = 5_000;
const SWEEP_MS = 1_000;

let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

function sweep(): void {
  try {
    if (Date.now() - statSync(LOCK).mtimeMs > STALE_MS) rmSync(LOCK, { force: true });
  } catch {
    // no lock, or no pyenv here: nothing to do
  }
}

/** Keeps stale pyenv locks away while the returned function has not been called. */
export function sweepStalePyenvLocks(): () => void {
  sweep();
  users++;
  timer ??= setInterval(sweep, SWEEP_MS);
  timer.unref();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--users === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
