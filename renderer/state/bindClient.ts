import { describeExit } from '../../shared/captures/exitText';
import type { WorkbenchClient } from '../transport/client';
import { checkTargetAfterCapture } from './captureChecks';
import { report, setWorkbenchClient, store } from './client';
import { frontTabBefore, rememberFrontTab } from './frontTab';
import { keepAppTabsOnNodeSide, tabOfKept } from './keptAppTabs';

/** Wires Node-side events into the store, outside React; returns the disposer. */
export function bindClient(next: WorkbenchClient): () => void {
  setWorkbenchClient(next);
  const front = frontTabBefore(); // read before anything is activated on this load
  const disposers = [
    rememberFrontTab(),
    next.on('ssh.onConnectionChanged', (info) => store().connectionChanged(info)),
    next.on('ssh.onPrompt', (prompt) => store().promptShown(prompt)),
    next.on('ssh.onPromptWithdrawn', ({ promptId }) => store().promptClosed(promptId)),
    next.on('terminal.onExit', ({ terminalId, exitCode, signal, reason }) => {
      const capture = store().tabs.find((t) => t.terminalId === terminalId)?.capture;
      store().tabEnded(terminalId, describeExit(capture, { exitCode, signal, reason }));
      void checkTargetAfterCapture(terminalId);
    }),
    next.on('terminal.onLinkChanged', ({ terminalId, link, message }) =>
      store().tabLinkChanged(terminalId, link, message),
    ),
    next.on('terminal.onLogFailed', ({ terminalId, message }) =>
      store().tabLogFailed(terminalId, message),
    ),
    keepAppTabsOnNodeSide(next),
    next.onTransportClosed((reason) =>
      report(
        `Lost the connection to the workbench server: ${reason}. Restart it and reload this page.`,
      ),
    ),
  ];
  // Hosts and their connections arrive together: a connected host never shows "Connect" first.
  void Promise.all([next.call('hosts.list', {}), next.call('ssh.listConnections', {})])
    .then(([hosts, infos]) => {
      store().connectionsLoaded(infos);
      store().hostsLoaded(hosts);
      // After a reload or a crash, the terminals of the page before come back as tabs, and the
      // fleet and insights tabs over them.
      return Promise.all([
        next.call('terminal.reattach', {}),
        next.call('appTabs.reattach', {}),
      ]).then(([live, kept]) => store().tabsReattached(live, kept.map(tabOfKept), front));
    }, report)
    .catch(report);
  return () => disposers.forEach((dispose) => dispose());
}
