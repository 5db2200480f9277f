import {
  isTerminalEnd,
  splitInput,
  terminalNoteText,
  type TerminalClientMessage,
} from '../../shared/contract/index';
import { describeSocketClose } from './socketClose';
import type { TerminalStream } from './transport';

/** Input waits while the browser holds more than this for the socket (a paste of many MiB). */
const MAX_BUFFERED_BYTES = 512 * 1024;
const RETRY_MS = 15;

/**
 * A terminal's byte stream over its own WebSocket: binary frames are output, text frames the
 * end marker; input goes out in pieces, in order, paced by what the socket has not sent yet
 * (the server in turn stops reading while the SSH channel is full).
 */
export function openWebSocketTerminal(url: string, protocols: string[]): TerminalStream {
  const socket = new WebSocket(url, protocols);
  socket.binaryType = 'arraybuffer';
  const outbox: string[] = [];
  let retry: number | undefined;
  let closedByUs = false;

  const pump = () => {
    retry = undefined;
    if (socket.readyState !== WebSocket.OPEN) return;
    while (outbox.length > 0 && socket.bufferedAmount < MAX_BUFFERED_BYTES) {
      socket.send(outbox.shift() ?? '');
    }
    if (outbox.length > 0) retry = window.setTimeout(pump, RETRY_MS);
  };
  const send = (message: TerminalClientMessage) => {
    outbox.push(JSON.stringify(message));
    if (retry === undefined) pump();
  };
  socket.addEventListener('open', pump);

  return {
    onData(listener) {
      socket.addEventListener('message', (event: MessageEvent<ArrayBuffer | string>) => {
        if (typeof event.data !== 'string') listener(new Uint8Array(event.data));
      });
    },
    onEnd(listener) {
      socket.addEventListener('message', (event: MessageEvent<ArrayBuffer | string>) => {
        if (typeof event.data === 'string' && isTerminalEnd(parseJsonOrNull(event.data)))
          listener();
      });
    },
    onNote(listener) {
      socket.addEventListener('message', (event: MessageEvent<ArrayBuffer | string>) => {
        if (typeof event.data !== 'string') return;
        const text = terminalNoteText(parseJsonOrNull(event.data));
        if (text !== null) listener(text);
      });
    },
    onClosed(listener) {
      socket.addEventListener('close', (event) => {
        if (!closedByUs) listener(describeSocketClose(event.code, event.reason));
      });
    },
    sendInput: (data) => splitInput(data).forEach((piece) => send({ t: 'input', data: piece })),
    // Acks are tiny and order-free: they never wait behind a paste.
    ack: (bytes) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ t: 'ack', bytes }));
      else send({ t: 'ack', bytes });
    },
    close: () => {
      closedByUs = true;
      window.clearTimeout(retry);
      socket.close();
    },
  };
}

function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
