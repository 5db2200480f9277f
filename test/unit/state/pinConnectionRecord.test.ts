import { beforeEach, describe, expect, it } from 'vitest';
import { SnapshotItem, type ConnectionRecord } from '../../../shared/contract/index';
import { selectionItem } from '../../../renderer/captures/pinSnapshot';
import { useAppStore } from '../../../renderer/state/store';
import type { Tab } from '../../../renderer/state/tabsSlice';

const initial = useAppStore.getInitialState(); // not getState(): files share the store singleton
beforeEach(() => useAppStore.setState(initial, true));

const record: ConnectionRecord = {
  hops: [{ address: 'ops@db1', algorithm: 'ssh-ed25519', fingerprint: 'SHA256:db1KEY' }],
  user: 'ops',
  uname: 'Linux db1 6.1.0 x86_64 GNU/Linux',
  clock: { offsetSeconds: 0.25, uncertaintySeconds: 0.001 },
  recordedAt: '2026-12-06T10:00:00.000Z',
};
const tab: Tab = { terminalId: 't_00000001', connectionId: 'c1', title: 'shell', startedAt: 0 };
const raw = { ref: `sha256-${'b'.repeat(64)}`, bytes: 5 };

describe('a pin from a tab on a connection', () => {
  it("keeps the connection's record, even after the connection closed", () => {
    const store = useAppStore.getState();
    store.connectionChanged({
      connectionId: 'c1',
      hostId: 'h1',
      state: 'connected',
      cores: 2,
      record,
    });
    const pinned = selectionItem(useAppStore.getState(), tab, 'hello', raw, 0);
    expect(pinned.source.connection).toEqual(record);

    store.connectionChanged({ connectionId: 'c1', hostId: 'h1', state: 'closed', cores: null });
    const later = selectionItem(useAppStore.getState(), tab, 'hello', raw, 0);
    expect(later.source.connection).toEqual(record);
    expect(SnapshotItem.parse({ ...later, id: 's_abcdefgh1' }).source.connection).toEqual(record);
  });

  it('has none where the connection recorded none', () => {
    const pinned = selectionItem(useAppStore.getState(), tab, 'hello', raw, 0);
    expect(pinned.source.connection).toBeUndefined();
  });
});
