import { endedBanner } from '../../../shared/captures/exitText';
import type { Tab } from '../../state/tabsSlice';
import { CaptureTab } from '../capture/CaptureTab';
import { ParsedView } from '../capture/ParsedView';
import { PinButton } from '../notebook/PinButton';
import { clock } from '../../../shared/notebook/reportInput';
import { ShellTab } from './ShellTab';
import { TerminalToggle } from './TerminalToggle';

export function TabView({ tab, active }: { tab: Tab; active: boolean }) {
  return (
    <div className="tab-view" hidden={!active} role="tabpanel" aria-label={tab.title}>
      {tab.command && (
        <div className="command-line">
          <span className="mono" title="The exact command run on the host">
            $ {tab.command}
          </span>
          {tab.logPath && !tab.logError && (
            <span
              className="quiet log-mark"
              title={`Every byte of output is kept in ${tab.logPath}`}
            >
              logged
            </span>
          )}
          {tab.logError && (
            <span
              className="warn log-mark"
              title={
                tab.logPath
                  ? `${tab.logError}\nWhat came before is in ${tab.logPath}`
                  : tab.logError
              }
            >
              {tab.logPath ? 'log stopped' : 'not logged'}
            </span>
          )}
          {tab.capture && <TerminalToggle tab={tab} />}
          {tab.capture && <PinButton />}
        </div>
      )}
      {tab.pinned && (
        <div className="command-line pinned-line">
          <span>
            Snapshot pinned at <b className="mono">{clock(tab.pinned.pinnedAt)}</b>
            {tab.pinned.hostTime ? ` (host ${tab.pinned.hostTime})` : ''} · {tab.pinned.source}
          </span>
          {tab.pinned.note && <span className="warn">{tab.pinned.note}</span>}
        </div>
      )}
      {tab.pasted && !tab.pinned && (
        <div className="command-line">
          <span className="quiet">{tab.pasted.label}</span>
          <PinButton />
        </div>
      )}
      {tab.ended && <div className="ended-banner">{endedBanner(tab.ended)}</div>}
      {tab.pasted ? (
        <div className="pasted-view">
          <ParsedView
            streamId={tab.terminalId}
            parser={tab.pasted.parser}
            connectionId={tab.connectionId}
            title={tab.pasted.label}
            startedAt={tab.startedAt}
            pid={tab.pinned?.pid ?? null}
          />
        </div>
      ) : tab.capture ? (
        <CaptureTab tab={{ ...tab, capture: tab.capture }} active={active} />
      ) : (
        <ShellTab tab={tab} active={active} />
      )}
    </div>
  );
}
