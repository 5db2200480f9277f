import type { WebSocket } from 'ws';
import {
  TERMINAL_END,
  TerminalClientMessage,
  type TerminalNote,
} from '../../shared/contract/index';
import type { Workbench } from '../node/workbench';

/**
 * A terminal's own byte stream: binary frames carry output, text frames carry the renderer's
 * input and acks. Output is never wrapped in JSON.
 */
export function serveTerminalSocket(
  socket: WebSocket,
  workbench: Workbench,
  terminalId: string,
): void {
  const session = workbench.terminals.get(terminalId);
  if (!session) return socket.close(4404, 'no such terminal');
  const sink = {
    send: (bytes: Uint8Array) => socket.send(bytes, { binary: true }),
    // A text frame, after the last binary one: output itself is never wrapped in JSON.
    end: () => socket.send(JSON.stringify(TERMINAL_END)),
    note: (text: string) => socket.send(JSON.stringify({ t: 'note', text } satisfies TerminalNote)),
  };
  session.attach(sink);
  socket.on('close', () => session.detach(sink));
  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      return socket.close(1007, 'invalid JSON');
    }
    const message = TerminalClientMessage.safeParse(json);
    if (!message.success) return socket.close(1008, 'invalid terminal message');
    // A paste of many MiB: stop reading the socket until SSH has taken what it holds.
    if (!session.receive(message.data)) {
      socket.pause();
      void session.inputDrained().then(() => socket.resume());
    }
  });
}
