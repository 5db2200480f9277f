import { RECIPES, RECORD_DATA_MARKER } from '../../shared/captures/recipes';
import { workbenchClient } from '../state/client';
import { useAppStore } from '../state/store';
import { isLocalTab, type Tab } from '../state/tabsSlice';
import { parseStreams } from './parseStreams';
import { pastedInputs } from './pastedInputs';
import { TerminalFeed } from './terminalFeed';

const feeds = new Map<string, TerminalFeed>();

/** The feed of a terminal tab, if it has one (pasted tabs have no terminal). */
export const feedOf = (terminalId: string): TerminalFeed | undefined => feeds.get(terminalId);

/** A capture's output goes to its recipe's parser from its first byte. */
function openFeed(tab: Tab): TerminalFeed {
  const params = tab.capture;
  const stream = workbenchClient().transport.openTerminalStream(tab.terminalId);
  const feed = new TerminalFeed(
    stream,
    params?.recipe === 'pyspy-record' ? { hideAfter: RECORD_DATA_MARKER } : {},
  );
  if (params) {
    const logFormat = params.recipe === 'nginx-access' ? params.logFormat : '';
    parseStreams.open(
      tab.terminalId,
      RECIPES[params.recipe].parser,
      logFormat ? { logFormat } : undefined,
    );
    feed.routeTo(tab.terminalId);
  }
  return feed;
}

/** Opens a feed for every terminal tab as it opens and closes it with its tab; the disposer. */
export function bindTerminalFeeds(): () => void {
  const pasted = new Set<string>();
  const sync = (tabs: readonly Tab[]) => {
    const open = new Set<string>();
    const shown = new Set(tabs.filter((t) => t.pasted).map((t) => t.terminalId));
    // A pasted tab's text is kept for its snapshots while the tab is open.
    for (const id of pasted) if (!shown.has(id)) pastedInputs.forget(id);
    pasted.clear();
    for (const id of shown) pasted.add(id);
    for (const tab of tabs) {
      if (isLocalTab(tab)) continue;
      open.add(tab.terminalId);
      if (!feeds.has(tab.terminalId)) feeds.set(tab.terminalId, openFeed(tab));
    }
    for (const [terminalId, feed] of feeds)
      if (!open.has(terminalId)) {
        feed.close();
        feeds.delete(terminalId);
      }
  };
  sync(useAppStore.getState().tabs);
  const unsubscribe = useAppStore.subscribe((state, previous) => {
    if (state.tabs !== previous.tabs) sync(state.tabs);
  });
  return () => {
    unsubscribe();
    for (const feed of feeds.values()) feed.close();
    feeds.clear();
  };
}
