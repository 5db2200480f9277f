import { beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionInfo } from '../../../shared/contract/index';
import { useAppStore } from '../../../renderer/state/store';

const initial = useAppStore.getState();
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
