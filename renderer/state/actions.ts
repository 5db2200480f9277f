import { RECIPES, type CaptureParamsInput } from '../../shared/captures/recipes';
import type { HostInput, PromptAnswer } from '../../shared/contract/index';
import type { z } from 'zod';
import type { WorkbenchClient } from '../transport/client';
import { useAppStore } from './store';
import { describeExit } from '../../shared/captures/exitText';
import { describeTargetState } from '../../shared/captures/targetProbe';

let client: WorkbenchClient | null = null;

/** A PTY starts at this size; the pane's fit addon resizes it as soon as it is laid out. */
const INITIAL_SIZE = { cols: 120, rows: 30 };

export function workbenchClient(): WorkbenchClient {
  if (!client) throw new Error('The workbench client is not bound yet.');
  return client;
}

const store = () => useAppStore.getState();

function report(error: unknown): void {
  store().noticeRaised('error', error instanceof Error ? error.message : String(error));
}

/**
 * py-spy and strace pause their target while they sample or attach; if one of them dies at the
 * wrong moment the process stays stopped (state T). Checked when such a capture ends. A `t`
 * that lasts (the Node side reads it again over a second) is another tracer at work: named,
 * and not offered a SIGCONT, which would not release it.
 */
async function checkTargetAfterCapture(terminalId: string): Promise<void> {
  const tab = store().tabs.find((t) => t.terminalId === terminalId);
  const params = tab?.capture;
  if (!tab || !params || !RECIPES[params.recipe].attaches || !('pid' in params)) return;
  const { connectionId } = tab;
  const pid = params.pid;
  const state = await workbenchClient()
    .call('capture.targetState', { connectionId, pid })
    .catch(() => null);
  if (!state?.exists) return;
  if (state.state === 't') {
    const held = describeTargetState(pid, state);
    if (held) store().noticeRaised('info', held);
    return;
  }
  if (state.state !== 'T') return;
  store().noticeRaised(
    'error',
    `Process ${pid} (${state.name ?? '?'}) was left stopped (state T) after ${RECIPES[params.recipe].tool}.`,
    {
      label: 'Continue it (kill -CONT)',
      run: () =>
        void workbenchClient()
          .call('capture.continueTarget', { connectionId, pid })
          .then(
            (after) =>
              store().noticeRaised('info', `Process ${pid} is now in state ${after.state ?? '?'}.`),
            report,
          ),
    },
  );
}

/** Wires Node-side events into the store, outside React; returns the disposer. */
export function bindClient(next: WorkbenchClient): () => void {
  client = next;
  const disposers = [
    next.on('ssh.onConnectionChanged', (info) => store().connectionChanged(info)),
    next.on('ssh.onPrompt', (prompt) => store().promptShown(prompt)),
    next.on('ssh.onPromptWithdrawn', ({ promptId }) => store().promptClosed(promptId)),
    next.on('terminal.onExit', ({ terminalId, exitCode, signal, reason }) => {
      const capture = store().tabs.find((t) => t.terminalId === terminalId)?.capture;
      store().tabEnded(terminalId, describeExit(capture, { exitCode, signal, reason }));
      void checkTargetAfterCapture(terminalId);
    }),
    next.on('terminal.onLogFailed', ({ terminalId, message }) =>
      store().tabLogFailed(terminalId, message),
    ),
    next.onTransportClosed((reason) =>
      report(
        `Lost the connection to the workbench server: ${reason}. Restart it and reload this page.`,
      ),
    ),
  ];
  // Hosts and their connections arrive together: a connected host never shows "Connect" first.
  void Promise.all([next.call('hosts.list', {}), next.call('ssh.listConnections', {})]).then(
    ([hosts, infos]) => {
      store().connectionsLoaded(infos);
      store().hostsLoaded(hosts);
    },
    report,
  );
  return () => disposers.forEach((dispose) => dispose());
}

export const actions = {
  async saveHost(input: HostInput & { id?: string }): Promise<boolean> {
    try {
      store().hostSaved(await workbenchClient().call('hosts.save', input));
      return true;
    } catch (error) {
      report(error);
      return false;
    }
  },

  async removeHost(hostId: string): Promise<void> {
    try {
      await workbenchClient().call('hosts.remove', { hostId });
      store().hostRemoved(hostId);
    } catch (error) {
      report(error);
    }
  },

  async connect(hostId: string): Promise<void> {
    try {
      const info = await workbenchClient().call('ssh.connect', { hostId });
      store().connectionChanged(info);
      await actions.openShell(info.connectionId);
    } catch (error) {
      store().connectFailed(hostId, error instanceof Error ? error.message : String(error));
    }
  },

  async disconnect(connectionId: string): Promise<void> {
    await workbenchClient().call('ssh.disconnect', { connectionId }).catch(report);
  },

  async answerPrompt(answer: z.input<typeof PromptAnswer>): Promise<void> {
    store().promptClosed(answer.promptId);
    await workbenchClient().call('ssh.answerPrompt', answer).catch(report);
  },

  async openShell(connectionId: string): Promise<void> {
    try {
      const info = await workbenchClient().call('terminal.openShell', {
        connectionId,
        ...INITIAL_SIZE,
      });
      store().tabOpened(info);
    } catch (error) {
      report(error);
    }
  },

  /** Resolves to an error message for the form, or null when the capture started. */
  async startCapture(
    connectionId: string,
    params: CaptureParamsInput,
    focusTid?: number,
  ): Promise<string | null> {
    try {
      const info = await workbenchClient().call('capture.start', {
        connectionId,
        params,
        ...INITIAL_SIZE,
      });
      store().tabOpened({
        terminalId: info.terminalId,
        connectionId,
        title: info.title,
        command: info.command,
        capture: info.params,
        ...(info.logPath ? { logPath: info.logPath } : {}),
        ...(info.logError ? { logError: info.logError } : {}),
        ...(focusTid ? { focusTid } : {}),
      });
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  },

  async closeTab(terminalId: string): Promise<void> {
    const pasted = store().tabs.find((t) => t.terminalId === terminalId)?.pasted;
    store().tabClosed(terminalId);
    if (pasted) return;
    await workbenchClient()
      .call('terminal.close', { terminalId })
      .catch(() => undefined);
  },

  resize(terminalId: string, cols: number, rows: number): void {
    void workbenchClient()
      .call('terminal.resize', { terminalId, cols, rows })
      .catch(() => undefined);
  },
};
