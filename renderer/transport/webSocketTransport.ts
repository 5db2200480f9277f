import { socketProtocols } from '../../shared/contract/browserAuth';
import { describeSocketClose } from './socketClose';
import type { Transport } from './transport';
import { openWebSocketTerminal } from './webSocketTerminal';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

const socketUrl = (path: string) =>
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;

const REFUSED =
  'Cannot reach the workbench server, or it refused this page: open the address that `npm run web` printed (it ends in #token=…).';

/**
 * Browser mode: one JSON socket for requests and events, one binary socket per terminal. Each
 * socket presents the token as a subprotocol; without one the server refuses it.
 */
export function createWebSocketTransport(token: string | null): Transport {
  const pending = new Map<number, Pending>();
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let nextId = 1;
  const protocols = socketProtocols(token ?? '');
  // This page load's id: the terminals it opens end when it is gone (a reload is a new id).
  const rpc = new WebSocket(socketUrl(`/ws/rpc?client=${crypto.randomUUID()}`), protocols);
  const opened = new Promise<void>((resolve, reject) => {
    rpc.addEventListener('open', () => resolve(), { once: true });
    rpc.addEventListener('error', () => reject(new Error(REFUSED)), { once: true });
  });

  rpc.addEventListener('message', (event: MessageEvent<string>) => {
    const message = JSON.parse(event.data) as
      | { id: number; ok: boolean; value?: unknown; error?: { message: string } }
      | { event: string; payload: unknown };
    if ('event' in message) {
      for (const listener of listeners) listener(message.event, message.payload);
      return;
    }
    const request = pending.get(message.id);
    if (!request) return;
    pending.delete(message.id);
    request.resolve(
      message.ok ? { ok: true, value: message.value } : { ok: false, reason: message.error },
    );
  });
  rpc.addEventListener('close', (event) => {
    for (const request of pending.values())
      request.reject(new Error('The connection to the workbench server was lost.'));
    pending.clear();
    const reason = describeSocketClose(event.code, event.reason);
    for (const listener of listeners) listener('transport.onClosed', { reason });
  });

  return {
    async invoke(method, payload) {
      await opened;
      if (rpc.readyState !== WebSocket.OPEN)
        throw new Error('The connection to the workbench server was lost.');
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        rpc.send(JSON.stringify({ id, method, payload }));
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openTerminalStream: (terminalId) =>
      openWebSocketTerminal(socketUrl(`/ws/terminal/${encodeURIComponent(terminalId)}`), protocols),
  };
}
