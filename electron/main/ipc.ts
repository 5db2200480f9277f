import { ipcMain, MessageChannelMain, type BrowserWindow, type WebFrameMain } from 'electron';
import { IpcChannels } from '../../shared/contract/channels';
import { dispatchRequest } from '../../shared/contract/dispatch';
import {
  TERMINAL_END,
  TerminalClientMessage,
  type TerminalNote,
} from '../../shared/contract/index';
import { WindowPage } from '../node/terminals/rendererClients';
import type { Workbench } from '../node/workbench';
import { isAppPageUrl, type AppPage } from './appPage';

/** Only our own page, in the window's top frame, may call the Node side. */
export function isTrustedSender(
  frame: WebFrameMain | null,
  window: BrowserWindow,
  page: AppPage,
): boolean {
  if (!frame || frame !== window.webContents.mainFrame) return false;
  return isAppPageUrl(frame.url, page);
}

/** At most 3 automatic reloads a minute after a renderer crash. */
class CrashReloads {
  private times: number[] = [];

  allow(now: number): boolean {
    this.times = this.times.filter((t) => now - t < 60_000);
    if (this.times.length >= 3) return false;
    this.times.push(now);
    return true;
  }
}

/** Binds the contract to the workbench: one generic handler, the same dispatch as the browser mode. */
export function wireIpc(workbench: Workbench, window: BrowserWindow, page: AppPage): () => void {
  // Each document the window loads is a renderer of its own; the one after a reload or a crash
  // takes over the terminals of the one before (terminal.reattach).
  const client = new WindowPage(workbench.clients);
  const crashReloads = new CrashReloads();
  const contents = window.webContents;
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) client.replaced();
  });
  contents.on('render-process-gone', (_event, details: { reason?: string } | undefined) => {
    client.replaced();
    // A crashed page comes back by itself, with its terminals; a page that crashes in a loop does not.
    if (details?.reason !== 'clean-exit' && crashReloads.allow(Date.now())) contents.reload();
  });
  contents.on('destroyed', () => client.closed());

  ipcMain.handle(IpcChannels.invoke, async (event, method: unknown, payload: unknown) => {
    if (!isTrustedSender(event.senderFrame, window, page)) {
      return { ok: false, reason: { name: 'Forbidden', message: 'untrusted sender' } };
    }
    return dispatchRequest(workbench.handlersFor(client.clientId), method, payload);
  });

  ipcMain.on(IpcChannels.terminalAttach, (event, terminalId: unknown) => {
    if (!isTrustedSender(event.senderFrame, window, page)) return;
    const session =
      typeof terminalId === 'string' ? workbench.terminals.get(terminalId) : undefined;
    if (!session) return;
    const { port1, port2 } = new MessageChannelMain();
    const sink = {
      send: (bytes: Uint8Array) => port1.postMessage(bytes),
      end: () => port1.postMessage(TERMINAL_END),
      note: (text: string) => port1.postMessage({ t: 'note', text } satisfies TerminalNote),
    };
    port1.on('message', ({ data }) => {
      const message = TerminalClientMessage.safeParse(data);
      if (message.success) session.receive(message.data);
    });
    port1.on('close', () => session.detach(sink));
    port1.start();
    session.attach(sink);
    event.sender.postMessage(IpcChannels.terminalPort, terminalId, [port2]);
  });

  const detachEvents = workbench.events.attach((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(IpcChannels.event, name, payload);
  });

  return () => {
    detachEvents();
    ipcMain.removeHandler(IpcChannels.invoke);
    ipcMain.removeAllListeners(IpcChannels.terminalAttach);
  };
}
