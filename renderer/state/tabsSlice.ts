import type { StateCreator } from 'zustand';
import { describeExit } from '../../shared/captures/exitText';
import type { CaptureParams, ParserKind } from '../../shared/captures/recipes';
import type { LiveTerminal, TerminalLink } from '../../shared/contract/index';
import type { Fleet } from '../../shared/fleet/fleetPlan';
import type { AppState } from './store';

export interface Tab {
  terminalId: string;
  connectionId: string;
  title: string;
  command?: string;
  /** Present when the tab runs a capture: its parameters pick the parser and the view. */
  capture?: CaptureParams;
  /** A thread to focus in the stacks view (opened from a thread row). */
  focusTid?: number;
  /** When the tab opened (ms since epoch): progress of time-boxed captures. */
  startedAt: number;
  /** Output pasted by the user, parsed once; such a tab has no terminal. */
  pasted?: { parser: ParserKind; label: string };
  /** A pasted tab that shows a notebook snapshot, rebuilt from what was saved: what it was. */
  pinned?: {
    /** The snapshot item shown. */
    itemId: string;
    pinnedAt: string;
    source: string;
    hostTime: string | null;
    note: string | null;
    /** The process it was about, and the host's cores then (the views read CPU against them). */
    pid: number | null;
    cores: number | null;
    /** The terminal it was pinned from and when, on its recording's clock. */
    moment?: { terminalId: string; atSeconds: number };
  };
  /** The same capture on several hosts, compared side by side: no terminal of its own. */
  fleet?: Fleet;
  /** A recording of the open investigation, replayed: such a tab has no terminal of its own. */
  replay?: { itemId: string; at?: number };
  /** The ranked findings about one process on this connection, from its capture tabs. */
  insights?: { pid: number };
  /** A tool typed by hand in this shell, recognised: its output is parsed from then on. */
  recognised?: {
    parser: ParserKind;
    label: string;
    streamId: string;
    pid?: number;
    screen: boolean;
  };
  /** The capture log on disk (every byte of output), or why there is none. */
  logPath?: string;
  logError?: string;
  /** Set when the remote program ended; the pane and its parsed view stay readable. */
  ended?: string;
  /**
   * Set while the connection is lost (`lost`), or back but the capture not restarted yet
   * (`interrupted`); the marker the terminal shows says when.
   */
  link?: { state: Exclude<TerminalLink, 'running'>; message: string };
  /** The parsed view alone, the terminal folded away (Ctrl+Shift+E): a choice of this tab only. */
  terminalHidden?: boolean;
  /** Taken over from a page that went away (a reload, a crash): redrawn from the kept scrollback. */
  reattached?: { droppedBytes: number };
}

/**
 * A tab of the app's own (pasted output, a snapshot, a replay, a fleet, insights): no remote
 * terminal behind it.
 */
export const isLocalTab = (tab: Tab): boolean =>
  Boolean(tab.pasted ?? tab.replay ?? tab.fleet ?? tab.insights);

/** A terminal with a parsed view beside it: the terminal can be hidden (pasted tabs have none). */
export function canHideTerminal(tab: Tab): boolean {
  return !tab.pasted && Boolean(tab.capture ?? tab.recognised);
}

function patchTab(tabs: Tab[], terminalId: string, patch: Partial<Tab>): Tab[] {
  return tabs.map((t) => (t.terminalId === terminalId ? { ...t, ...patch } : t));
}

export interface TabsSlice {
  tabs: Tab[];
  activeTabId: string | null;
  tabOpened(tab: Omit<Tab, 'startedAt'>): void;
  tabActivated(terminalId: string): void;
  /** Evidence shown: its tab activated, and the thread it names focused where the view can. */
  evidenceShown(terminalId: string, focusTid: number | null): void;
  /**
   * Terminals that outlived the page before this one, shown again as tabs, with the fleet and
   * insights tabs built over them; `front` (the tab in front before the reload) comes to the front.
   */
  tabsReattached(
    terminals: readonly LiveTerminal[],
    appTabs?: readonly Tab[],
    front?: string | null,
  ): void;
  tabEnded(terminalId: string, why: string): void;
  /** The tab's capture log stopped; the terminal goes on. */
  tabLogFailed(terminalId: string, message: string): void;
  /** Its connection dropped, came back, or its capture was restarted. */
  tabLinkChanged(terminalId: string, link: TerminalLink, message: string): void;
  tabClosed(terminalId: string): void;
  commandRecognised(terminalId: string, recognised: Tab['recognised'] | null): void;
  /** Hide or show the tab's terminal beside its parsed view; a drag that folds it sets it too. */
  terminalHiddenSet(terminalId: string, hidden: boolean): void;
}

export const createTabsSlice: StateCreator<AppState, [], [], TabsSlice> = (set) => ({
  tabs: [],
  activeTabId: null,
  tabOpened: (tab) =>
    set((s) => ({
      tabs: [...s.tabs, { ...tab, startedAt: Date.now() }],
      activeTabId: tab.terminalId,
    })),
  tabActivated: (terminalId) => set({ activeTabId: terminalId }),
  evidenceShown: (terminalId, focusTid) =>
    set((s) => ({
      activeTabId: terminalId,
      tabs: focusTid === null ? s.tabs : patchTab(s.tabs, terminalId, { focusTid }),
    })),
  tabsReattached: (terminals, appTabs = [], front = null) =>
    set((s) => {
      const known = new Set(s.tabs.map((t) => t.terminalId));
      const added: Tab[] = [
        ...terminals.map(({ droppedBytes, capture, exit, ...info }) => ({
          ...info,
          ...(capture ? { capture } : {}),
          ...(exit ? { ended: describeExit(capture, exit) } : {}),
          reattached: { droppedBytes },
        })),
        ...appTabs,
      ].filter((t) => !known.has(t.terminalId));
      if (added.length === 0) return {};
      // The one in front before the reload, else the newest: most likely what the user watched.
      const newest = added.reduce((a, b) => (b.startedAt > a.startedAt ? b : a));
      const wasFront = added.find((t) => t.terminalId === front)?.terminalId;
      return {
        tabs: [...s.tabs, ...added].sort((a, b) => a.startedAt - b.startedAt),
        activeTabId: s.activeTabId ?? wasFront ?? newest.terminalId,
      };
    }),
  tabEnded: (terminalId, why) =>
    set((s) => ({
      tabs: s.tabs.map((t) => {
        if (t.terminalId !== terminalId) return t;
        // An end is final: no longer waiting for a connection or a restart.
        const { link: _link, ...rest } = t;
        return { ...rest, ended: why };
      }),
    })),
  tabLinkChanged: (terminalId, link, message) =>
    set((s) => ({
      tabs: s.tabs.map((t) => {
        if (t.terminalId !== terminalId) return t;
        const { link: _old, ...rest } = t;
        return link === 'running' ? rest : { ...rest, link: { state: link, message } };
      }),
    })),
  tabLogFailed: (terminalId, message) =>
    set((s) => ({
      tabs: patchTab(s.tabs, terminalId, { logError: message }),
    })),
  commandRecognised: (terminalId, recognised) =>
    set((s) => ({
      tabs: s.tabs.map((t) => {
        if (t.terminalId !== terminalId) return t;
        const { recognised: _old, ...rest } = t;
        return recognised ? { ...rest, recognised } : rest;
      }),
    })),
  terminalHiddenSet: (terminalId, hidden) =>
    set((s) => ({
      tabs: patchTab(s.tabs, terminalId, { terminalHidden: hidden }),
    })),
  tabClosed: (terminalId) =>
    set((s) => {
      const index = s.tabs.findIndex((t) => t.terminalId === terminalId);
      const tabs = s.tabs.filter((t) => t.terminalId !== terminalId);
      const activeTabId =
        s.activeTabId === terminalId
          ? (tabs[Math.min(index, tabs.length - 1)]?.terminalId ?? null)
          : s.activeTabId;
      return { tabs, activeTabId };
    }),
});
