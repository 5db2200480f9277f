import { beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionInfo } from '../../../shared/contract/index';
import { knownCores } from '../../../renderer/state/hostsSlice';
import { useAppStore } from '../../../renderer/state/store';

const initial = useAppStore.getInitialState(); // not getState(): files share the store singleton
beforeEach(() => useAppStore.setState(initial, true));

const info = (state: ConnectionInfo['state'], cores: number | null): ConnectionInfo => ({
  connectionId: 'c1',
  hostId: 'h1',
  state,
  cores,
});

describe('cores of a connection', () => {
  it('keeps the last known value after the connection drops', () => {
    const store = useAppStore.getState();
    store.connectionChanged(info('connecting', null));
    expect(knownCores(useAppStore.getState(), 'c1')).toBeNull();
    store.connectionChanged(info('connected', 8));
    expect(knownCores(useAppStore.getState(), 'c1')).toBe(8);
    store.connectionChanged({ ...info('closed', null), message: 'The connection to h closed.' });
    expect(useAppStore.getState().connections.c1).toBeUndefined();
    expect(knownCores(useAppStore.getState(), 'c1')).toBe(8);
    expect(knownCores(useAppStore.getState(), 'other')).toBeNull();
  });
});
