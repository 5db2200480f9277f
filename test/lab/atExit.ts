// Clean-ups that must run even when a test run dies before its own teardown: one 'exit'
// listener for all of them, so a lab with many processes does not trip Node's
// MaxListenersExceededWarning (ten listeners per event).

const cleanups = new Set<() => void>();
let installed = false;

function runAll(): void {
  for (const cleanup of [...cleanups]) {
    try {
      cleanup();
    } catch {
      // The process is exiting: one failed clean-up must not stop the others.
    }
  }
  cleanups.clear();
}

/** Runs `cleanup` (synchronously) when this process exits; the returned function cancels it. */
export function atExit(cleanup: () => void): () => void {
  if (!installed) {
    process.once('exit', runAll);
    installed = true;
  }
  cleanups.add(cleanup);
  return () => void cleanups.delete(cleanup);
}
