import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';

/** Same policy as the browser mode, minus the WebSocket: the page talks to main over IPC only. */
const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'", // the parse workers' WebAssembly, not eval
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface WindowUrls {
  /** Dev server URL in `electron-vite dev`, else undefined and the built file is loaded. */
  devServerUrl: string | undefined;
  rendererFile: string;
  preloadFile: string;
}

/** Refuses everything the workbench never needs: permissions, navigation, new windows. */
export function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}

export function createMainWindow(urls: WindowUrls): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    backgroundColor: '#14161a',
    title: 'Incident workbench',
    show: false,
    webPreferences: {
      preload: urls.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links to documentation open in the user's browser, never inside the app.
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (urls.devServerUrl) void window.loadURL(urls.devServerUrl);
  else void window.loadFile(urls.rendererFile);
  return window;
}

export const defaultUrls = (outDir: string): WindowUrls => ({
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  rendererFile: join(outDir, 'renderer', 'index.html'),
  preloadFile: join(outDir, 'preload', 'index.cjs'),
});
