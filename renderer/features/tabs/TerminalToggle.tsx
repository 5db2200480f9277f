import { useAppStore } from '../../state/store';
import type { Tab } from '../../state/tabsSlice';

/** Terminal beside the parsed view, or the view alone (Ctrl+Shift+E); the terminal keeps running. */
export function TerminalToggle({ tab }: { tab: Tab }) {
  const hidden = Boolean(tab.terminalHidden);
  return (
    <button
      type="button"
      className="layout-toggle"
      aria-pressed={hidden}
      title="Show the parsed view alone, or beside the terminal (Ctrl+Shift+E)"
      onClick={() => useAppStore.getState().terminalHiddenSet(tab.terminalId, !hidden)}
    >
      {hidden ? 'Show terminal' : 'Hide terminal'}
    </button>
  );
}
