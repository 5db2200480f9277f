import './tabs.css';
import { useMemo, useRef } from 'react';
import { actions } from '../../state/actions';
import { hostLabel } from '../../state/hostsSlice';
import { useAppStore } from '../../state/store';
import { useTabOverflow } from './useTabOverflow';
import { isProduction } from '../../../shared/contract/index';

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
  // Read the three inputs and derive from them only when they change: a store update while a
  // capture streams (a new model) must not re-run the host lookups.
  const hosts = useAppStore((s) => s.hosts);
  const connections = useAppStore((s) => s.connections);
  const hostOfConnection = useAppStore((s) => s.hostOfConnection);
  // The connections of production hosts: their tabs carry a red mark.
  const productionIds = useMemo(
    () =>
      new Set(
        Object.values(connections)
          .filter((c) => isProduction(hosts.find((h) => h.id === c.hostId) ?? {}))
          .map((c) => c.connectionId),
      ),
    [connections, hosts],
  );
  // Each tab names its host: with several hosts open, a shell prompt alone does not say which.
  const hostLabels = useMemo(
    () =>
      tabs.map((tab) => {
        return hostLabel(hosts, hostOfConnection[tab.connectionId], '');
      }),
    [tabs, hosts, hostOfConnection],
  );
  const overflow = useTabOverflow(strip, activeTabId, tabs.length);
  return (
    <nav className="tabbar">
      <MoreTabs count={overflow.before} side="left" onClick={() => overflow.scroll(-1)} />
      <div role="tablist" aria-label="Terminals" className="tabs" ref={strip}>
        {tabs.map((tab, index) => (
          <div
            key={tab.terminalId}
            data-tab-id={tab.terminalId}
            className={`tab ${tab.terminalId === activeTabId ? 'active' : ''} ${tab.ended ? 'ended' : ''} ${tab.link ? `link-${tab.link.state}` : ''} ${productionIds.has(tab.connectionId) ? 'prod' : ''}`}
          >
            <button
              type="button"
              role="tab"
              aria-selected={tab.terminalId === activeTabId}
              title={`${hostLabels[index] ? `${hostLabels[index]}: ` : ''}${tab.command ?? 'shell'}${index < 8 ? `  (Alt+${index + 1})` : ''}${tab.link ? `\n${tab.link.message}` : ''}`}
              onClick={() => useAppStore.getState().tabActivated(tab.terminalId)}
            >
              <span
                className={`tab-kind ${tab.insights ? 'kind-insights' : tab.capture || tab.fleet ? 'kind-capture' : 'kind-shell'}`}
              >
                {tab.insights ? '◆' : tab.fleet ? '▤' : tab.capture ? '≡' : '>'}
              </span>
              {productionIds.has(tab.connectionId) && (
                <span className="tab-prod" title="A production host">
                  prod
                </span>
              )}
              {tab.link && (
                <span
                  className="tab-link"
                  aria-label={tab.link.state === 'lost' ? 'connection lost' : 'interrupted'}
                >
                  {tab.link.state === 'lost' ? '⟳' : '‖'}
                </span>
              )}
              {hostLabels[index] && <span className="tab-host">{hostLabels[index]}</span>}
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
      <MoreTabs count={overflow.after} side="right" onClick={() => overflow.scroll(1)} />
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
          onClick={() => useAppStore.getState().triageShownSet(true)}
          title="Pick a process: top -H, py-spy dumps, strace -c and ss at once, time-boxed (Ctrl+Shift+D)"
        >
          Triage…
        </button>
        <button
          type="button"
          disabled={!connected}
          onClick={() => useAppStore.getState().fleetShownSet(true)}
          title="The same capture on several hosts at once, compared side by side (Ctrl+Shift+L)"
        >
          Fleet…
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

/** "‹ N" / "N ›": tabs hidden on that side of the strip; a click scrolls towards them. */
function MoreTabs({
  count,
  side,
  onClick,
}: {
  count: number;
  side: 'left' | 'right';
  onClick(): void;
}) {
  if (count === 0) return null;
  return (
    <button
      type="button"
      className="tab-scroll"
      aria-label={`${count} more tabs to the ${side}`}
      title={
        side === 'left'
          ? 'Scroll the tabs left (Alt+PageUp: previous tab, Alt+1: first tab)'
          : 'Scroll the tabs right (Alt+PageDown: next tab, Alt+9: last tab)'
      }
      onClick={onClick}
    >
      {side === 'left' ? `‹ ${count}` : `${count} ›`}
    </button>
  );
}
