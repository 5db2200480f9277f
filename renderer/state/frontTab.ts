import { useAppStore } from './store';

/**
 * Which tab was in front, kept in the page's sessionStorage: it survives a reload (and a renderer
 * crash's reload) of this window only, so after the tabs come back the same one is in front.
 */
const KEY = 'workbench.frontTab';

/** The tab in front before this page loaded, or null (first load, storage unavailable). */
export function frontTabBefore(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Writes the front tab whenever it changes; returns the disposer. */
export function rememberFrontTab(): () => void {
  return useAppStore.subscribe((state, previous) => {
    if (state.activeTabId === previous.activeTabId || state.activeTabId === null) return;
    try {
      sessionStorage.setItem(KEY, state.activeTabId);
    } catch {
      // Storage off (a locked-down profile): the newest tab comes to the front instead.
    }
  });
}
