import type { WebSocket } from 'ws';
import { z } from 'zod';
import { dispatchRequest } from '../../shared/contract/dispatch';
import type { Workbench } from '../node/workbench';

const RpcRequest = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().max(64),
  payload: z.unknown(),
});

/**
 * One renderer's request/reply and event socket: the browser-mode twin of electron/main/ipc.ts.
 * The terminals it opens belong to `clientId` and end once no socket of that page is left.
 */
export function serveRpcSocket(socket: WebSocket, workbench: Workbench, clientId: string): void {
  const handlers = workbench.handlersFor(clientId);
  const released = workbench.clients.connected(clientId);
  const detach = workbench.events.attach((event, payload) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ event, payload }));
  });
  socket.on('close', () => {
    detach();
    released();
  });
  socket.on('message', (data, isBinary) => {
    if (isBinary) return socket.close(1003, 'text frames only');
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      return socket.close(1007, 'invalid JSON');
    }
    const request = RpcRequest.safeParse(json);
    if (!request.success) return socket.close(1008, 'invalid request envelope');
    const { id, method, payload } = request.data;
    void dispatchRequest(handlers, method, payload).then((result) => {
      if (socket.readyState !== socket.OPEN) return;
      socket.send(
        JSON.stringify(
          result.ok
            ? { id, ok: true, value: result.value }
            : { id, ok: false, error: result.reason },
        ),
      );
    });
  });
}
