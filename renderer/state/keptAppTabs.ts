/**
 * The fleet and insights tabs as the Node side keeps them with the terminals they are built over,
 * so that a reload or a renderer crash shows them again. Kept there, not in sessionStorage: the
 * Node side outlives any page (a crashed renderer's last writes, a browser tab closed and opened
 * again), and it hands them over together with the terminals, to the page that takes those.
 */
import { KeptAppTab, MAX_KEPT_APP_TABS } from '../../shared/contract/index';
import type { WorkbenchClient } from '../transport/client';
import { report } from './client';
import { useAppStore } from './store';
import type { Tab } from './tabsSlice';

/** What the Node side keeps of a fleet or insights tab; null for any other tab. */
function keptAppTabOf(tab: Tab): KeptAppTab | null {
  const base = { tabId: tab.terminalId, title: tab.title, startedAt: tab.startedAt };
  if (tab.fleet) return { kind: 'fleet', ...base, fleet: tab.fleet };
  if (tab.insights)
    return { kind: 'insights', ...base, connectionId: tab.connectionId, pid: tab.insights.pid };
  return null;
}

/** The tab a kept one is shown as again. */
export function tabOfKept(kept: KeptAppTab): Tab {
  const base = { terminalId: kept.tabId, title: kept.title, startedAt: kept.startedAt };
  return kept.kind === 'fleet'
    ? { ...base, connectionId: '', fleet: kept.fleet }
    : { ...base, connectionId: kept.connectionId, insights: { pid: kept.pid } };
}

/** Those of `tabs` worth keeping, as the contract takes them (an invalid one is left out). */
function keptAppTabs(tabs: readonly Tab[]): KeptAppTab[] {
  return tabs
    .flatMap((tab) => {
      const kept = keptAppTabOf(tab);
      const valid = kept && KeptAppTab.safeParse(kept);
      return valid?.success ? [valid.data] : [];
    })
    .slice(-MAX_KEPT_APP_TABS);
}

/** Tells the Node side the page's fleet and insights tabs whenever they change; returns the disposer. */
export function keepAppTabsOnNodeSide(client: WorkbenchClient): () => void {
  let sent = '[]';
  return useAppStore.subscribe((state, previous) => {
    if (state.tabs === previous.tabs) return;
    const tabs = keptAppTabs(state.tabs);
    const now = JSON.stringify(tabs);
    if (now === sent) return;
    sent = now;
    client.call('appTabs.keep', { tabs }).catch(report);
  });
}
