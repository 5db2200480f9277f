import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeptAppTab } from '../../../shared/contract/index';
import { KeptAppTabs } from '../../../electron/node/terminals/keptAppTabs';

const insights = (pid: number): KeptAppTab => ({
  kind: 'insights',
  tabId: `insights:c_abcdef:${pid}`,
  title: `insights · ${pid}`,
  startedAt: pid,
  connectionId: 'c_abcdef',
  pid,
});

afterEach(() => {
  vi.useRealTimers();
});

describe('KeptAppTabs', () => {
  it('hands a gone page’s tabs to the next page once, never a present page’s', () => {
    const kept = new KeptAppTabs();
    kept.keep('page-1', [insights(10)]);
    kept.keep('page-2', [insights(20)]);
    const present = (id: string) => id === 'page-2' || id === 'page-3';
    expect(kept.takeOver('page-3', present)).toEqual([insights(10)]);
    expect(kept.takeOver('page-4', present)).toEqual([]);
    // Taken over, they belong to page-3: gone in turn, it hands them on.
    expect(kept.takeOver('page-5', () => false)).toEqual([insights(10), insights(20)]);
  });

  it('replaces what a page kept, and drops a gone page’s tabs when no page came in time', () => {
    vi.useFakeTimers();
    const kept = new KeptAppTabs();
    kept.keep('page-1', [insights(10), insights(11)]);
    kept.keep('page-1', [insights(11)]);
    kept.ownerGone('page-1', 1000);
    vi.advanceTimersByTime(1001);
    expect(kept.takeOver('page-2', () => false)).toEqual([]);
    kept.keep('page-2', [insights(12)]);
    kept.ownerGone('page-2', 1000);
    vi.advanceTimersByTime(500);
    expect(kept.takeOver('page-3', () => false)).toEqual([insights(12)]);
    vi.advanceTimersByTime(1000);
    // Taken over before the timer: page-3 keeps them.
    expect(kept.takeOver('page-4', () => false)).toEqual([insights(12)]);
  });
});
