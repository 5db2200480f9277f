import { useCallback, useEffect } from 'react';
import type { Tab } from '../../state/tabsSlice';
import { parseStreams } from '../../workers/parseClient';
import { TerminalPane } from '../terminal/TerminalPane';
import { ThreadTable } from '../threads/ThreadTable';

/** A capture: the raw terminal on the left, its parsed view on the right, fed by the same bytes. */
function ThreadsTab({ tab, active }: { tab: Tab; active: boolean }) {
  useEffect(() => {
    parseStreams.open(tab.terminalId);
    return () => parseStreams.close(tab.terminalId);
  }, [tab.terminalId]);
  const feed = useCallback(
    (bytes: Uint8Array) => parseStreams.feed(tab.terminalId, bytes),
    [tab.terminalId],
  );
  return (
    <div className="split">
      <div className="split-terminal">
        <TerminalPane terminalId={tab.terminalId} active={active} onBytes={feed} />
      </div>
      <div className="split-view">
        <ThreadTable
          terminalId={tab.terminalId}
          connectionId={tab.connectionId}
          pid={tab.pid ?? 0}
        />
      </div>
    </div>
  );
}

export function TabView({ tab, active }: { tab: Tab; active: boolean }) {
  return (
    <div className="tab-view" hidden={!active} role="tabpanel" aria-label={tab.title}>
      {tab.command && (
        <div className="command-line mono" title="The exact command run on the host">
          $ {tab.command}
        </div>
      )}
      {tab.ended && (
        <div className="ended-banner">Ended: {tab.ended}. What it printed stays below.</div>
      )}
      {tab.kind === 'threads' ? (
        <ThreadsTab tab={tab} active={active} />
      ) : (
        <TerminalPane terminalId={tab.terminalId} active={active} />
      )}
    </div>
  );
}
