import { vi } from 'vitest';

/**
 * The thinnest stand-in for the parts of Electron that the main process and preload touch,
 * because Electron's binary cannot run here. It records what our code asks of Electron.
 */
export const electronFake = {
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  listeners: new Map<string, (...args: unknown[]) => unknown>(),
  windowOptions: [] as unknown[],
  exposed: new Map<string, unknown>(),
  sentToRenderer: [] as unknown[][],
  channels: [] as { port1: { posted: unknown[]; deliver(data: unknown): void } }[],
  reset() {
    this.channels.length = 0;
    this.handlers.clear();
    this.listeners.clear();
    this.windowOptions.length = 0;
    this.exposed.clear();
    this.sentToRenderer.length = 0;
  },
};

export function fakeElectronModule() {
  class FakePort {
    posted: unknown[] = [];
    onMessage: ((event: { data: unknown }) => void) | null = null;
    postMessage(data: unknown) {
      this.posted.push(data);
    }
    on(event: string, listener: (event: { data: unknown }) => void) {
      if (event === 'message') this.onMessage = listener;
    }
    start() {}
    deliver(data: unknown) {
      this.onMessage?.({ data });
    }
  }
  return {
    ipcMain: {
      handle: vi.fn((channel: string, handler: (...args: unknown[]) => unknown) =>
        electronFake.handlers.set(channel, handler),
      ),
      on: vi.fn((channel: string, listener: (...args: unknown[]) => unknown) =>
        electronFake.listeners.set(channel, listener),
      ),
      removeHandler: vi.fn(),
      removeAllListeners: vi.fn(),
    },
    MessageChannelMain: class {
      port1 = new FakePort();
      port2 = new FakePort();
      constructor() {
        electronFake.channels.push(this);
      }
    },
    BrowserWindow: class {
      webContents = {
        on: vi.fn(),
        reload: vi.fn(),
        setWindowOpenHandler: vi.fn(),
        mainFrame: { url: 'file:///app/out/renderer/index.html' },
        send: vi.fn((...args: unknown[]) => electronFake.sentToRenderer.push(args)),
      };
      constructor(options: unknown) {
        electronFake.windowOptions.push(options);
      }
      once() {}
      on() {}
      loadFile() {
        return Promise.resolve();
      }
      loadURL() {
        return Promise.resolve();
      }
      isDestroyed() {
        return false;
      }
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() },
      },
    },
    shell: { openExternal: vi.fn() },
    contextBridge: {
      exposeInMainWorld: vi.fn((key: string, api: unknown) => electronFake.exposed.set(key, api)),
    },
    ipcRenderer: {
      invoke: vi.fn(async () => ({ ok: true, value: [] })),
      on: vi.fn(),
      send: vi.fn(),
      removeListener: vi.fn(),
    },
  };
}
