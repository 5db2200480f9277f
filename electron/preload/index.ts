import { contextBridge, ipcRenderer } from 'electron';
import { IpcChannels, type PreloadBridge } from '../../shared/contract/channels';

/**
 * The whole surface the page gets: three fixed channels, no ipcRenderer, no Node.
 * Payloads are checked again in the main process against the shared schemas.
 */
const bridge: PreloadBridge = {
  invoke: (method, payload) => ipcRenderer.invoke(IpcChannels.invoke, String(method), payload),
  onEvent(listener) {
    const forward = (_event: Electron.IpcRendererEvent, name: unknown, payload: unknown) =>
      listener(String(name), payload);
    ipcRenderer.on(IpcChannels.event, forward);
    return () => ipcRenderer.removeListener(IpcChannels.event, forward);
  },
  attachTerminal(terminalId) {
    ipcRenderer.send(IpcChannels.terminalAttach, String(terminalId));
  },
};

// A MessagePort cannot cross contextBridge as a return value; window.postMessage can carry it.
ipcRenderer.on(IpcChannels.terminalPort, (event, terminalId: unknown) => {
  window.postMessage(
    { type: IpcChannels.terminalPort, terminalId: String(terminalId) },
    window.location.origin,
    [...event.ports],
  );
});

contextBridge.exposeInMainWorld('workbench', bridge);
