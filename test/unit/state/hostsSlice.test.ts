import { beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionInfo } from '../../../shared/contract/index';
import { useAppStore } from '../../../renderer/state/store';

const initial = useAppStore.getInitialState(); // not getState(): files share the store singleton
beforeEach(() => useAppStore.setState(initial, true));

const info = (connectionId: string, patch: Partial<ConnectionInfo> = {}): ConnectionInfo => ({
  connectionId,
  hostId: 'h_0000000000000001',
  state: 'connected',
  cores: 2,
  ...patch,
});

describe('connections when a page loads', () => {
  it('shows the connections the Node side already has open (a reload keeps them)', () => {
    useAppStore.getState().connectionsLoaded([info('c_00000001'), info('c_00000002')]);
    expect(Object.keys(useAppStore.getState().connections).sort()).toEqual([
      'c_00000001',
      'c_00000002',
    ]);
  });

  it('takes the list over what came before it, and events after it over the list', () => {
    const store = useAppStore.getState();
    store.connectionChanged(info('c_00000001', { state: 'connecting', cores: null }));
    store.connectionsLoaded([info('c_00000001')]);
    expect(useAppStore.getState().connections['c_00000001']?.state).toBe('connected');
    store.connectionChanged(info('c_00000001', { state: 'closed', message: 'Disconnected.' }));
    expect(useAppStore.getState().connections).toEqual({});
  });
});

describe('a connection that drops and reconnects', () => {
  it('stays listed while reconnecting; its tabs keep naming the host after it ends', () => {
    const store = useAppStore.getState();
    store.connectionChanged(info('c_00000001'));
    store.connectionChanged(
      info('c_00000001', {
        state: 'reconnecting',
        reconnect: { attempt: 1, lostAt: 1, nextTryAt: 2 },
      }),
    );
    expect(useAppStore.getState().connections['c_00000001']?.state).toBe('reconnecting');
    store.connectionChanged(
      info('c_00000001', { state: 'failed', failure: 'auth', message: 'Reconnecting stopped.' }),
    );
    expect(useAppStore.getState().connections).toEqual({});
    expect(useAppStore.getState().failures['h_0000000000000001']).toBe('Reconnecting stopped.');
    expect(useAppStore.getState().hostOfConnection['c_00000001']).toBe('h_0000000000000001');
  });

  it('marks a tab lost, then interrupted, and clears the mark when it runs again or ends', () => {
    const store = useAppStore.getState();
    store.tabOpened({ terminalId: 't_00000001', connectionId: 'c_00000001', title: 'top' });
    store.tabLinkChanged('t_00000001', 'lost', 'connection lost at 10:00:00');
    expect(useAppStore.getState().tabs[0]?.link).toEqual({
      state: 'lost',
      message: 'connection lost at 10:00:00',
    });
    store.tabLinkChanged('t_00000001', 'interrupted', 'reconnected');
    expect(useAppStore.getState().tabs[0]?.link?.state).toBe('interrupted');
    store.tabLinkChanged('t_00000001', 'running', 'capture restarted');
    expect(useAppStore.getState().tabs[0]?.link).toBeUndefined();
    store.tabLinkChanged('t_00000001', 'lost', 'connection lost again');
    store.tabEnded('t_00000001', 'Reconnecting stopped.');
    expect(useAppStore.getState().tabs[0]).toMatchObject({ ended: 'Reconnecting stopped.' });
    expect(useAppStore.getState().tabs[0]?.link).toBeUndefined();
  });
});
