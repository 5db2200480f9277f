import { IpcChannels, type PreloadBridge } from '../../shared/contract/channels';
import {
  isTerminalEnd,
  splitInput,
  terminalNoteText,
  type TerminalClientMessage,
} from '../../shared/contract/index';
import type { TerminalStream, Transport } from './transport';

/** Electron: requests over the preload bridge, each terminal's bytes over its own MessagePort. */
export function createElectronTransport(bridge: PreloadBridge): Transport {
  const waitingPorts = new Map<string, (port: MessagePort) => void>();
  window.addEventListener(
    'message',
    (event: MessageEvent<{ type?: string; terminalId?: string }>) => {
      if (event.source !== window || event.data?.type !== IpcChannels.terminalPort) return;
      const port = event.ports[0];
      const terminalId = event.data.terminalId ?? '';
      const deliver = waitingPorts.get(terminalId);
      if (port && deliver) {
        waitingPorts.delete(terminalId);
        deliver(port);
      }
    },
  );

  return {
    invoke: (method, payload) => bridge.invoke(method, payload),
    onEvent: (listener) => bridge.onEvent(listener),
    openTerminalStream(terminalId) {
      const port = new Promise<MessagePort>((resolve) => waitingPorts.set(terminalId, resolve));
      bridge.attachTerminal(terminalId);
      const send = (message: TerminalClientMessage) =>
        void port.then((p) => p.postMessage(message));
      const stream: TerminalStream = {
        onData(listener) {
          void port.then((p) =>
            p.addEventListener('message', (event: MessageEvent<unknown>) => {
              if (event.data instanceof Uint8Array) listener(event.data);
            }),
          );
          void port.then((p) => p.start());
        },
        onEnd(listener) {
          void port.then((p) =>
            p.addEventListener('message', (event: MessageEvent<unknown>) => {
              if (isTerminalEnd(event.data)) listener();
            }),
          );
          void port.then((p) => p.start());
        },
        onNote(listener) {
          void port.then((p) =>
            p.addEventListener('message', (event: MessageEvent<unknown>) => {
              const text = terminalNoteText(event.data);
              if (text !== null) listener(text);
            }),
          );
          void port.then((p) => p.start());
        },
        sendInput: (data) => splitInput(data).forEach((piece) => send({ t: 'input', data: piece })),
        ack: (bytes) => send({ t: 'ack', bytes }),
        // A MessagePort to the main process is closed only by us or with the window.
        onClosed: () => undefined,
        close: () => void port.then((p) => p.close()),
      };
      return stream;
    },
  };
}
