import { useEffect } from 'react';
import type { RecipeId } from '../../shared/captures/recipes';
import { notebookActions } from '../features/notebook/notebookActions';
import { actions } from '../state/actions';
import { useAppStore } from '../state/store';
import { canHideTerminal } from '../state/tabsSlice';

/** Where typing goes: a plain key there is text, not a command. */
function typingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.closest('input, textarea, select, .xterm, .cm-editor, [role="dialog"]') !== null
  );
}

/**
 * App-wide keys. They use Ctrl+Shift or Alt so that plain keys keep reaching the terminal; the
 * one plain key, P (pin), acts only where no text is being typed.
 */
export function useShortcuts(openCapture: (recipe: RecipeId) => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const state = useAppStore.getState();
      const active = state.tabs.find((t) => t.terminalId === state.activeTabId);
      const key = event.key.toLowerCase();
      if (event.altKey && !event.ctrlKey && /^[1-9]$/.test(event.key)) {
        // Alt+9 is the last tab, however many there are (as in browsers).
        const tab = event.key === '9' ? state.tabs.at(-1) : state.tabs[Number(event.key) - 1];
        if (tab) state.tabActivated(tab.terminalId);
      } else if (event.altKey && !event.ctrlKey && /^Page(Up|Down)$/.test(event.key)) {
        const index = state.tabs.findIndex((t) => t.terminalId === state.activeTabId);
        const step = event.key === 'PageDown' ? 1 : -1;
        const tab = state.tabs[(index + step + state.tabs.length) % state.tabs.length];
        if (tab) state.tabActivated(tab.terminalId);
      } else if (event.ctrlKey && event.shiftKey && key === 'w' && active) {
        void actions.closeTab(active.terminalId);
      } else if (event.ctrlKey && event.shiftKey && key === 't') {
        const connectionId = active?.connectionId ?? Object.keys(state.connections)[0];
        if (connectionId) void actions.openShell(connectionId);
      } else if (event.ctrlKey && event.shiftKey && key === 'j') {
        state.notebookToggled();
      } else if (
        key === 'p' &&
        !event.ctrlKey &&
        !event.altKey &&
        !event.metaKey &&
        !event.shiftKey &&
        !typingTarget(event.target)
      ) {
        void notebookActions.pinActive();
      } else if (event.ctrlKey && event.shiftKey && key === 'p') {
        // P types into a terminal; this pins from one (its selection, else its parsed view).
        void notebookActions.pinActive();
      } else if (event.ctrlKey && event.shiftKey && key === 'h') {
        openCapture('threads');
      } else if (event.ctrlKey && event.shiftKey && key === 'n') {
        openCapture('host-overview');
      } else if (event.ctrlKey && event.shiftKey && key === 'd') {
        state.triageShownSet(true);
      } else if (event.ctrlKey && event.shiftKey && key === 'l') {
        state.fleetShownSet(true);
      } else if (
        event.ctrlKey &&
        event.shiftKey &&
        key === 'k' &&
        active?.link?.state === 'interrupted'
      ) {
        void actions.restartCapture(active.terminalId);
      } else if (
        event.ctrlKey &&
        event.shiftKey &&
        key === 'e' &&
        active &&
        canHideTerminal(active)
      ) {
        state.terminalHiddenSet(active.terminalId, !active.terminalHidden);
      } else {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [openCapture]);
}
