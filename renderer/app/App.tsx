import { useCallback, useState } from 'react';
import { PromptDialog } from '../features/connect/PromptDialog';
import { HostList } from '../features/hosts/HostList';
import { NotebookPanel } from '../features/notebook/NotebookPanel';
import { PasteDialog } from '../features/tabs/PasteDialog';
import { TabBar } from '../features/tabs/TabBar';
import { TabView } from '../features/tabs/TabView';
import { CaptureDialog } from '../features/capture/CaptureDialog';
import { TriageDialog } from '../features/triage/TriageDialog';
import { FleetDialog } from '../features/fleet/FleetDialog';
import type { RecipeId } from '../../shared/captures/recipes';
import { useAppStore } from '../state/store';
import { Notices } from './Notices';
import { useShortcuts } from './useShortcuts';

function EmptyWorkspace() {
  return (
    <div className="empty-workspace">
      <h1>Incident workbench</h1>
      <ol>
        <li>Add a host (address, user, key file) on the left and connect.</li>
        <li>A shell opens. Run anything.</li>
        <li>
          <b>Triage…</b> (Ctrl+Shift+D) picks a process and runs, at once and time-boxed, top -H,
          three py-spy dumps, strace -c and ss on it, each in its own tab; its Insights tab ranks
          what they show, with the evidence and the next capture to run.
        </li>
        <li>
          <b>Threads of a process…</b> runs <span className="mono">top -H -p PID</span> and shows
          its threads live, busiest first.
        </li>
      </ol>
      <p className="quiet">
        Keys: Ctrl+Shift+T new shell · Ctrl+Shift+D triage · Ctrl+Shift+L fleet · Ctrl+Shift+H
        threads · Ctrl+Shift+N new capture · Alt+1…8 switch tab, Alt+9 the last, Alt+PageUp/PageDown
        previous/next · Ctrl+Shift+W close tab · Ctrl+Shift+F find in terminal · Ctrl+Shift+E parsed
        view alone or beside its terminal · P pin the view to the investigation · Ctrl+Shift+J the
        notebook · Ctrl+Shift+K restart a capture the connection interrupted
      </p>
      <p className="quiet">
        A reload brings the tabs back, re-attached, with their programs still running; quitting ends
        every program the workbench started on a host.
      </p>
    </div>
  );
}

/** Layout shell only: hosts on the left, tabs on the right, dialogs on top. */
export function App() {
  const tabs = useAppStore((s) => s.tabs);
  const activeTabId = useAppStore((s) => s.activeTabId);
  const captureRequest = useAppStore((s) => s.captureRequest);
  const triageShown = useAppStore((s) => s.triageShown);
  const fleetShown = useAppStore((s) => s.fleetShown);
  const notebookShown = useAppStore((s) => s.notebookShown);
  const [pasting, setPasting] = useState(false);
  const openCapture = useCallback(
    (recipe: RecipeId) => useAppStore.getState().captureRequested({ recipe }),
    [],
  );
  useShortcuts(openCapture);
  const activeConnection = tabs.find((t) => t.terminalId === activeTabId)?.connectionId ?? null;

  return (
    <div className={notebookShown ? 'app with-notebook' : 'app'}>
      <HostList />
      <main className="workspace">
        <TabBar onCapture={openCapture} onPaste={() => setPasting(true)} />
        {pasting && <PasteDialog onDone={() => setPasting(false)} />}
        {captureRequest && (
          <CaptureDialog
            key={JSON.stringify(captureRequest)}
            request={captureRequest}
            defaultConnectionId={captureRequest.connectionId ?? activeConnection}
            onDone={() => useAppStore.getState().captureDialogClosed()}
          />
        )}
        {triageShown && (
          <TriageDialog
            defaultConnectionId={activeConnection}
            onDone={() => useAppStore.getState().triageShownSet(false)}
          />
        )}
        {fleetShown && <FleetDialog onDone={() => useAppStore.getState().fleetShownSet(false)} />}
        <div className="tab-views">
          {tabs.length === 0 && <EmptyWorkspace />}
          {tabs.map((tab) => (
            <TabView key={tab.terminalId} tab={tab} active={tab.terminalId === activeTabId} />
          ))}
        </div>
      </main>
      {notebookShown && <NotebookPanel />}
      <PromptDialog />
      <Notices />
    </div>
  );
}
