import { actions } from '../../state/actions';
import { useAppStore } from '../../state/store';

import type { RecipeId } from '../../../shared/captures/recipes';

interface Props {
  onCapture(recipe: RecipeId): void;
  onPaste(): void;
}

export function TabBar({ onCapture, onPaste }: Props) {
  const tabs = useAppStore((s) => s.tabs);
  const activeTabId = useAppStore((s) => s.activeTabId);
  const connected = useAppStore((s) =>
    Object.values(s.connections).some((c) => c.state === 'connected'),
  );
  return (
    <nav className="tabbar">
      <div role="tablist" aria-label="Terminals" className="tabs">
        {tabs.map((tab, index) => (
          <div
            key={tab.terminalId}
            className={`tab ${tab.terminalId === activeTabId ? 'active' : ''} ${tab.ended ? 'ended' : ''}`}
          >
            <button
              type="button"
              role="tab"
              aria-selected={tab.terminalId === activeTabId}
              title={`${tab.command ?? 'shell'}  (Alt+${index + 1})`}
              onClick={() => useAppStore.getState().tabActivated(tab.terminalId)}
            >
              <span className={`tab-kind ${tab.capture ? 'kind-capture' : 'kind-shell'}`}>
                {tab.capture ? '≡' : '>'}
              </span>
              {tab.title}
            </button>
            <button
              type="button"
              className="tab-close"
              aria-label={`Close ${tab.title}`}
              title="Close (Ctrl+Shift+W)"
              onClick={() => void actions.closeTab(tab.terminalId)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
      <div className="tab-tools">
        <button
          type="button"
          onClick={onPaste}
          title="Parse output pasted from elsewhere (Ctrl+Shift+V)"
        >
          Paste output…
        </button>
        <button
          type="button"
          disabled={!connected}
          onClick={() => onCapture('threads')}
          title="top -H -p PID (Ctrl+Shift+H)"
        >
          Threads of a process…
        </button>
        <button
          type="button"
          disabled={!connected}
          onClick={() => onCapture('host-overview')}
          title="top, py-spy, strace, ps, ss, logs (Ctrl+Shift+N)"
        >
          New capture…
        </button>
      </div>
    </nav>
  );
}
