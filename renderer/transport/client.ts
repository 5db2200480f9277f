import { parseEvent } from '../../shared/contract/dispatch';
import {
  isEventName,
  type EventName,
  type EventPayload,
  type RequestInput,
  type RequestName,
  type RequestOutput,
} from '../../shared/contract/index';
import type { Transport } from './transport';

/** An error the Node side reported; its message is written for the user. */
export class WorkbenchError extends Error {
  override name = 'WorkbenchError';
}

/** The typed face of a transport: one `call` for every request, one `on` for every event. */
export class WorkbenchClient {
  constructor(readonly transport: Transport) {}

  async call<M extends RequestName>(method: M, input: RequestInput<M>): Promise<RequestOutput<M>> {
    const result = (await this.transport.invoke(method, input)) as
      { ok: true; value: RequestOutput<M> } | { ok: false; reason?: { message?: string } };
    if (result.ok) return result.value;
    throw new WorkbenchError(result.reason?.message ?? `${method} failed`);
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.transport.onEvent((eventName, payload) => {
      if (eventName !== name || !isEventName(eventName)) return;
      const parsed = parseEvent(name, payload);
      if (parsed) listener(parsed);
    });
  }

  /** The server went away (browser mode only): the UI says so instead of failing silently. */
  onTransportClosed(listener: (reason: string) => void): () => void {
    return this.transport.onEvent((eventName, payload) => {
      if (eventName !== 'transport.onClosed') return;
      const reason =
        typeof payload === 'object' && payload !== null && 'reason' in payload
          ? payload.reason
          : undefined;
      listener(typeof reason === 'string' ? reason : 'unknown reason');
    });
  }
}
