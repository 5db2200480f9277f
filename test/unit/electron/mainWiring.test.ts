import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronFake, fakeElectronModule } from './electronFake';

vi.mock('electron', () => fakeElectronModule());

const { BrowserWindow } = await import('electron');
const { createMainWindow } = await import('../../../electron/main/window');
const { wireIpc } = await import('../../../electron/main/ipc');
const { IpcChannels } = await import('../../../shared/contract/channels');
const { RendererClients } = await import('../../../electron/node/terminals/rendererClients');

beforeEach(() => electronFake.reset());

/** The page the fake window shows (electronFake's mainFrame URL). */
const APP_PAGE = { rendererFile: '/app/out/renderer/index.html', devServerUrl: undefined };

function fakeWorkbench() {
  const received: unknown[] = [];
  const gone: string[] = [];
  const session = { attach: vi.fn(), detach: vi.fn(), receive: (m: unknown) => received.push(m) };
  const handlers = { 'hosts.list': vi.fn(async () => []) };
  return {
    received,
    session,
    gone,
    workbench: {
      handlers,
      handlersFor: vi.fn((_clientId: string) => handlers),
      clients: new RendererClients((clientId) => gone.push(clientId), 0),
      events: { attach: vi.fn(() => () => undefined) },
      terminals: { get: (id: string) => (id === 't_abcdef12' ? session : undefined) },
    },
  };
}

describe('the Electron main window', () => {
  it('is created sandboxed, isolated, without Node in the page', () => {
    createMainWindow({
      devServerUrl: undefined,
      rendererFile: '/app/index.html',
      preloadFile: '/app/preload.cjs',
    });
    expect(electronFake.windowOptions[0]).toMatchObject({
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        preload: '/app/preload.cjs',
      },
    });
  });
});

describe('IPC wiring', () => {
  it('answers a request from our own top frame through the shared dispatch', async () => {
    const { workbench } = fakeWorkbench();
    const window = new BrowserWindow({});
    wireIpc(workbench as never, window, APP_PAGE);
    const handler = electronFake.handlers.get(IpcChannels.invoke);
    const result = await handler?.({ senderFrame: window.webContents.mainFrame }, 'hosts.list', {});
    expect(result).toEqual({ ok: true, value: [] });
    const invalid = await handler?.({ senderFrame: window.webContents.mainFrame }, 'hosts.save', {
      host: '-oProxyCommand=sh',
    });
    expect(invalid).toMatchObject({ ok: false, reason: { name: 'InvalidRequest' } });
  });

  it('refuses a request from another frame or another origin', async () => {
    const { workbench } = fakeWorkbench();
    const window = new BrowserWindow({});
    wireIpc(workbench as never, window, APP_PAGE);
    const handler = electronFake.handlers.get(IpcChannels.invoke);
    const fromIframe = await handler?.(
      { senderFrame: { url: 'file:///app/out/renderer/index.html' } },
      'hosts.list',
      {},
    );
    expect(fromIframe).toMatchObject({ ok: false, reason: { name: 'Forbidden' } });
    (window.webContents.mainFrame as { url: string }).url = 'https://evil.example/';
    const fromWeb = await handler?.(
      { senderFrame: window.webContents.mainFrame },
      'hosts.list',
      {},
    );
    expect(fromWeb).toMatchObject({ ok: false, reason: { name: 'Forbidden' } });
    // Another local file in the top frame (a downloaded page) is not our page either.
    (window.webContents.mainFrame as { url: string }).url = 'file:///tmp/downloaded.html';
    const fromFile = await handler?.(
      { senderFrame: window.webContents.mainFrame },
      'hosts.list',
      {},
    );
    expect(fromFile).toMatchObject({ ok: false, reason: { name: 'Forbidden' } });
    expect(workbench.handlers['hosts.list']).not.toHaveBeenCalled();
  });

  it('gives a terminal its own MessagePort and checks every message on it', () => {
    const { workbench, session, received } = fakeWorkbench();
    const window = new BrowserWindow({});
    wireIpc(workbench as never, window, APP_PAGE);
    const posted: unknown[][] = [];
    const sender = { postMessage: (...args: unknown[]) => posted.push(args) };
    const attach = electronFake.listeners.get(IpcChannels.terminalAttach);
    attach?.({ senderFrame: window.webContents.mainFrame, sender }, 't_abcdef12');
    expect(session.attach).toHaveBeenCalledOnce();
    expect(posted[0]?.[0]).toBe(IpcChannels.terminalPort);
    const sink = session.attach.mock.calls[0]?.[0] as { send(bytes: Uint8Array): void };
    sink.send(new Uint8Array([104, 105]));
    attach?.({ senderFrame: window.webContents.mainFrame, sender }, 't_unknown0');
    expect(posted).toHaveLength(1);

    // Output goes out on the port; from the renderer only valid messages reach the terminal.
    const port1 = electronFake.channels[0]?.port1;
    expect(port1?.posted).toEqual([new Uint8Array([104, 105])]);
    port1?.deliver({ t: 'ack', bytes: 2 });
    port1?.deliver({ t: 'exec', command: 'rm -rf /' });
    port1?.deliver({ t: 'ack', bytes: -5 });
    expect(received).toEqual([{ t: 'ack', bytes: 2 }]);
  });

  it('makes a new page of a reload, a navigation or a crash (reloaded by itself), and not otherwise', async () => {
    const { workbench, gone } = fakeWorkbench();
    const window = new BrowserWindow({});
    wireIpc(workbench as never, window, APP_PAGE);
    const on = window.webContents.on as unknown as {
      mock: { calls: [string, (...args: unknown[]) => void][] };
    };
    const emit = (name: string, ...args: unknown[]) => {
      for (const [event, listener] of on.mock.calls) if (event === name) listener(...args);
    };
    const handler = electronFake.handlers.get(IpcChannels.invoke);
    const ask = async () => {
      await handler?.({ senderFrame: window.webContents.mainFrame }, 'hosts.list', {});
      return workbench.handlersFor.mock.lastCall?.[0];
    };
    const first = await ask();
    expect(first).toMatch(/^r_/);

    emit('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    emit('did-start-navigation', { isMainFrame: false, isSameDocument: false });
    expect(gone).toEqual([]);
    expect(await ask()).toBe(first);

    emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    expect(gone).toEqual([first]);
    const second = await ask();
    expect(second).not.toBe(first);

    emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(gone).toEqual([first, second]);
    // A crashed page is loaded again, and takes its terminals back; a crash loop is not.
    expect(window.webContents.reload).toHaveBeenCalledOnce();
    emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    emit('render-process-gone', {}, { reason: 'oom', exitCode: 137 });
    emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(window.webContents.reload).toHaveBeenCalledTimes(3);
    gone.splice(2);
    const third = await ask();
    emit('destroyed');
    expect(gone).toEqual([first, second, third]);
  });
});
