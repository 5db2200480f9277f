import { beforeEach, describe, expect, it } from 'vitest';
import type { LiveTerminal } from '../../../shared/contract/index';
import { useAppStore } from '../../../renderer/state/store';

const initial = useAppStore.getInitialState(); // not getState(): files share the store singleton
beforeEach(() => useAppStore.setState(initial, true));

const live = (terminalId: string, startedAt: number): LiveTerminal => ({
  terminalId,
  connectionId: 'c1',
  title: terminalId,
  startedAt,
  droppedBytes: 0,
});

describe('tabs coming back after a reload', () => {
  it('brings the tab that was in front back in front', () => {
    useAppStore.getState().tabsReattached([live('t1', 1), live('t2', 2), live('t3', 3)], [], 't1');
    expect(useAppStore.getState().activeTabId).toBe('t1');
    expect(useAppStore.getState().tabs.map((t) => t.terminalId)).toEqual(['t1', 't2', 't3']);
  });

  it('else the newest: no tab remembered, or the remembered one is gone', () => {
    useAppStore.getState().tabsReattached([live('t1', 1), live('t3', 3), live('t2', 2)], [], null);
    expect(useAppStore.getState().activeTabId).toBe('t3');
    useAppStore.setState(initial, true);
    useAppStore.getState().tabsReattached([live('t1', 1), live('t2', 2)], [], 'closed-since');
    expect(useAppStore.getState().activeTabId).toBe('t2');
  });
});
