import { useRef } from 'react';
import { actions } from '../../state/actions';
import { useAppStore } from '../../state/store';
import { useTabOverflow } from './useTabOverflow';

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
  const strip = useRef<HTMLDivElement>(null);
  const overflow = useTabOverflow(strip, activeTabId, tabs.length);
  return (
    <nav className="tabbar">
      {overflow.before > 0 && (
        <button
          type="button"
          className="tab-scroll"
          aria-label={`${overflow.before} more tabs to the left`}
          title="Scroll the tabs left (Alt+PageUp: previous tab)"
          onClick={() => overflow.scroll(-1)}
        >
          ‹ {overflow.before}
        </button>
      )}
      <div role="tablist" aria-label="Terminals" className="tabs" ref={strip}>
        {tabs.map((tab, index) => (
          <div
            key={tab.terminalId}
            data-tab-id={tab.terminalId}
            className={`tab ${tab.terminalId === activeTabId ? 'active' : ''} ${tab.ended ? 'ended' : ''}`}
          >
            <button
              type="button"
              role="tab"
              aria-selected={tab.terminalId === activeTabId}
              title={`${tab.command ?? 'shell'}${index < 8 ? `  (Alt+${index + 1})` : ''}`}
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
      {overflow.after > 0 && (
        <button
          type="button"
          className="tab-scroll"
          aria-label={`${overflow.after} more tabs to the right`}
          title="Scroll the tabs right (Alt+PageDown: next tab, Alt+9: last tab)"
          onClick={() => overflow.scroll(1)}
        >
          {overflow.after} ›
        </button>
      )}
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
