import type { WorkbenchClient } from '../transport/client';
import { useAppStore } from './store';

let client: WorkbenchClient | null = null;

/** The Node side, once `bindClient` has bound it (main.tsx does, before the first render). */
export function workbenchClient(): WorkbenchClient {
  if (!client) throw new Error('The workbench client is not bound yet.');
  return client;
}

export function setWorkbenchClient(next: WorkbenchClient): void {
  client = next;
}

export const store = () => useAppStore.getState();

/** A failed request, said in a notice. */
export function report(error: unknown): void {
  store().noticeRaised('error', error instanceof Error ? error.message : String(error));
}
