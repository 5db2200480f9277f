import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NOTICE_LIFETIME_MS } from '../../../renderer/state/noticesSlice';
import { useAppStore } from '../../../renderer/state/store';

const initial = useAppStore.getInitialState(); // not getState(): files share the store singleton
beforeEach(() => {
  useAppStore.setState(initial, true);
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

const notices = () => useAppStore.getState().notices;

describe('notices', () => {
  it('clear themselves: info after a few seconds, errors after long enough to read', () => {
    useAppStore.getState().noticeRaised('info', 'Process 5 is now in state S.');
    useAppStore.getState().noticeRaised('error', 'Could not run a command on the host.');
    expect(notices()).toHaveLength(2);
    vi.advanceTimersByTime(NOTICE_LIFETIME_MS.info);
    expect(notices().map((n) => n.level)).toEqual(['error']);
    vi.advanceTimersByTime(NOTICE_LIFETIME_MS.error - NOTICE_LIFETIME_MS.info);
    expect(notices()).toEqual([]);
  });

  it('keep the button they were raised with, and wait for the engineer', () => {
    const run = vi.fn();
    useAppStore.getState().noticeRaised('error', 'Process 5 was left stopped (state T).', {
      label: 'Continue it',
      run,
    });
    vi.advanceTimersByTime(10 * NOTICE_LIFETIME_MS.error);
    expect(notices()).toHaveLength(1);
    notices()[0]?.action?.run();
    expect(run).toHaveBeenCalledOnce();
    useAppStore.getState().noticeDismissed(notices()[0]?.id ?? -1);
    expect(notices()).toEqual([]);
  });
});
