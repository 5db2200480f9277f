import {
  events,
  isRequestName,
  requests,
  type EventName,
  type EventPayload,
  type RequestName,
  type WireError,
  type WorkbenchHandlers,
} from './index';
import { fail, ok, type Result } from '../util/result';

/** Names a zod issue path and problem without echoing the value (it may be a secret). */
function describeIssues(error: {
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>;
}) {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(input)'}: ${i.message}`)
    .join('; ');
}

/**
 * The one place a request from the renderer is checked: known method, valid payload.
 * Both hosts (Electron IPC and the browser-mode WebSocket) call this and nothing else.
 */
export async function dispatchRequest(
  handlers: WorkbenchHandlers,
  method: unknown,
  payload: unknown,
): Promise<Result<unknown, WireError>> {
  if (!isRequestName(method)) {
    return fail({
      name: 'UnknownMethod',
      message: `Unknown request ${String(method).slice(0, 60)}`,
    });
  }
  const parsed = requests[method].input.safeParse(payload);
  if (!parsed.success) {
    return fail({ name: 'InvalidRequest', message: `${method}: ${describeIssues(parsed.error)}` });
  }
  try {
    const handler = handlers[method] as (args: unknown) => Promise<unknown>;
    return ok(await handler(parsed.data));
  } catch (error) {
    return fail(toWireError(error));
  }
}

export function toWireError(error: unknown): WireError {
  if (error instanceof Error) return { name: error.name || 'Error', message: error.message };
  return { name: 'Error', message: String(error) };
}

/** Checks an event on the receiving side; a malformed one is dropped rather than trusted. */
export function parseEvent<E extends EventName>(name: E, payload: unknown): EventPayload<E> | null {
  const parsed = events[name].safeParse(payload);
  return parsed.success ? (parsed.data as EventPayload<E>) : null;
}

export type { RequestName };
