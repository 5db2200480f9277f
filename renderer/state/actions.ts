import type { CaptureParamsInput } from '../../shared/captures/recipes';
import type { HostInput, PromptAnswer } from '../../shared/contract/index';
import type { z } from 'zod';
import type { WorkbenchClient } from '../transport/client';
import { useAppStore } from './store';

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

/** Wires Node-side events into the store, outside React; returns the disposer. */
export function bindClient(next: WorkbenchClient): () => void {
  client = next;
  const disposers = [
    next.on('ssh.onConnectionChanged', (info) => store().connectionChanged(info)),
    next.on('ssh.onPrompt', (prompt) => store().promptShown(prompt)),
    next.on('ssh.onPromptWithdrawn', ({ promptId }) => store().promptClosed(promptId)),
    next.on('terminal.onExit', ({ terminalId, exitCode, signal, reason }) => {
      const why =
        reason ?? (signal ? `ended by signal ${signal}` : `exited with code ${exitCode ?? '?'}`);
      store().tabEnded(terminalId, why);
    }),
    next.onTransportClosed(() =>
      report('Lost the connection to the workbench server. Restart it and reload this page.'),
    ),
  ];
  void next.call('hosts.list', {}).then((hosts) => store().hostsLoaded(hosts), report);
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
  async startCapture(connectionId: string, params: CaptureParamsInput): Promise<string | null> {
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
      });
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  },

  async closeTab(terminalId: string): Promise<void> {
    store().tabClosed(terminalId);
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
