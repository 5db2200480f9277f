import { endedBanner } from '../../../shared/captures/exitText';
import type { Tab } from '../../state/tabsSlice';
import { captureTarget } from '../../../shared/captures/recipes';
import { CaptureTab } from '../capture/CaptureTab';
import { InsightsButton } from '../insights/InsightsButton';
import { InsightsTab } from '../insights/InsightsTab';
import { ParsedView } from '../capture/ParsedView';
import { FleetView } from '../fleet/FleetView';
import { PinButton } from '../notebook/PinButton';
import { PinnedItem } from '../../ui/pinnedItem';
import { notebookActions } from '../notebook/notebookActions';
import { clock } from '../../../shared/notebook/reportInput';
import { RecordingPlayer } from '../recording/RecordingPlayer';
import { useAppStore } from '../../state/store';
import { LinkBanner } from './LinkBanner';
import { ShellTab } from './ShellTab';
import { TerminalToggle } from './TerminalToggle';
import { CommandText } from '../../ui/CommandText';

/** A recording of the open investigation, if it is still there. */
function ReplayTab({ itemId, startAt }: { itemId: string; startAt?: number | undefined }) {
  const item = useAppStore((s) => s.investigation?.items.find((i) => i.id === itemId));
  if (item?.type !== 'recording')
    return <p className="quiet">This recording is not in the open investigation.</p>;
  return <RecordingPlayer item={item} {...(startAt === undefined ? {} : { startAt })} />;
}

/** "Replay from here": the terminal's recording, at the moment the snapshot was pinned. */
function ReplayLink({ moment }: { moment: { terminalId: string; atSeconds: number } }) {
  const recording = useAppStore((s) =>
    s.investigation?.items.find(
      (i) => i.type === 'recording' && i.terminalId === moment.terminalId,
    ),
  );
  if (recording?.type !== 'recording') return null;
  return (
    <button
      type="button"
      className="link"
      onClick={() => notebookActions.showRecording(recording, moment.atSeconds)}
    >
      ▶ replay the terminal from here
    </button>
  );
}

/** Megabytes, one decimal: how much of a terminal's output only the capture log still has. */
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

/** Says that the tab was taken over after a reload, and what it could not redraw. */
function ReattachedMark({ tab }: { tab: Tab }) {
  if (!tab.reattached) return null;
  const { droppedBytes } = tab.reattached;
  const where = tab.logPath ? ` It is all in ${tab.logPath}.` : '';
  return (
    <span
      className="quiet log-mark"
      title={
        droppedBytes > 0
          ? `Redrawn from the last 4 MB kept by the workbench; the first ${mb(droppedBytes)} are not shown.${where}`
          : 'Redrawn from the output kept by the workbench: nothing is missing.'
      }
    >
      {droppedBytes > 0 ? `re-attached · first ${mb(droppedBytes)} not shown` : 're-attached'}
    </span>
  );
}

export function TabView({ tab, active }: { tab: Tab; active: boolean }) {
  return (
    <div className="tab-view" hidden={!active} role="tabpanel" aria-label={tab.title}>
      {tab.command && (
        <div className="command-line">
          <span className="mono" title="The exact command run on the host">
            $ <CommandText command={tab.command} />
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
          <ReattachedMark tab={tab} />
          {tab.capture && <TerminalToggle tab={tab} />}
          {tab.capture && <PinButton />}
          {tab.capture && (
            <InsightsButton connectionId={tab.connectionId} pid={captureTarget(tab.capture)} />
          )}
        </div>
      )}
      {tab.reattached && !tab.command && (
        <div className="command-line">
          <ReattachedMark tab={tab} />
        </div>
      )}
      {tab.pinned && (
        <div className="command-line pinned-line">
          <span>
            Snapshot pinned at <b className="mono">{clock(tab.pinned.pinnedAt)}</b>
            {tab.pinned.hostTime ? ` (host ${tab.pinned.hostTime})` : ''} · {tab.pinned.source}
          </span>
          {tab.pinned.moment && <ReplayLink moment={tab.pinned.moment} />}
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
      {tab.link && !tab.ended && <LinkBanner tab={{ ...tab, link: tab.link }} />}
      {tab.insights ? (
        <InsightsTab tab={{ ...tab, insights: tab.insights }} active={active} />
      ) : tab.fleet ? (
        <FleetView fleet={tab.fleet} />
      ) : tab.replay ? (
        <ReplayTab itemId={tab.replay.itemId} startAt={tab.replay.at} />
      ) : tab.pasted ? (
        <div className="pasted-view">
          <PinnedItem.Provider value={tab.pinned?.itemId ?? null}>
            <ParsedView
              streamId={tab.terminalId}
              parser={tab.pasted.parser}
              connectionId={tab.connectionId}
              title={tab.pasted.label}
              startedAt={tab.startedAt}
              pid={tab.pinned?.pid ?? null}
            />
          </PinnedItem.Provider>
        </div>
      ) : tab.capture ? (
        <CaptureTab tab={{ ...tab, capture: tab.capture }} active={active} />
      ) : (
        <ShellTab tab={tab} active={active} />
      )}
    </div>
  );
}
