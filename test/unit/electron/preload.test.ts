import { describe, expect, it, vi } from 'vitest';
import { electronFake, fakeElectronModule } from './electronFake';

vi.mock('electron', () => fakeElectronModule());
vi.stubGlobal('window', { postMessage: vi.fn(), location: { origin: 'file://' } });

describe('the preload bridge', () => {
  it('exposes exactly three functions on window.workbench and nothing of ipcRenderer', async () => {
    await import('../../../electron/preload/index');
    const bridge = electronFake.exposed.get('workbench') as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual(['attachTerminal', 'invoke', 'onEvent']);
    expect([...electronFake.exposed.keys()]).toEqual(['workbench']);
    const { ipcRenderer } = await import('electron');
    await (bridge.invoke as (m: string, p: unknown) => Promise<unknown>)('hosts.list', {});
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('wb:invoke', 'hosts.list', {});
  });
});
