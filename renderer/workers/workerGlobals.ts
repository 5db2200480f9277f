// @xterm/headless checks `"requestIdleCallback" in window` when it is not in Node; a worker has
// no `window`, so the worker's global stands in for it. Imported first by the parse worker.
const scope = globalThis as { window?: unknown };
scope.window ??= globalThis;
export {};
