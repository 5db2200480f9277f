import type { z } from 'zod';
import type { HostInput, PromptAnswer, RequestOutput } from '../../shared/contract/index';
import { report, store, workbenchClient } from './client';
import { terminalActions } from './terminalActions';

/** Hosts and their connections: save, remove, connect (a shell opens), answer prompts. */
export const hostActions = {
  async saveHost(input: HostInput & { id?: string }): Promise<boolean> {
    try {
      store().hostSaved(await workbenchClient().call('hosts.save', input));
      return true;
    } catch (error) {
      report(error);
      return false;
    }
  },

  /** Imports ~/.ssh/config's hosts; returns who resolved them and what failed, or null on error. */
  async importSshConfig(
    allowMatchExec: boolean,
  ): Promise<RequestOutput<'hosts.importSshConfig'> | null> {
    try {
      const result = await workbenchClient().call('hosts.importSshConfig', { allowMatchExec });
      for (const host of result.imported) store().hostSaved(host);
      return result;
    } catch (error) {
      report(error);
      return null;
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
      await terminalActions.openShell(info.connectionId);
    } catch (error) {
      store().connectFailed(hostId, error instanceof Error ? error.message : String(error));
    }
  },

  async disconnect(connectionId: string): Promise<void> {
    await workbenchClient().call('ssh.disconnect', { connectionId }).catch(report);
  },

  async reconnectNow(connectionId: string): Promise<void> {
    await workbenchClient().call('ssh.reconnectNow', { connectionId }).catch(report);
  },

  async cancelReconnect(connectionId: string): Promise<void> {
    await workbenchClient().call('ssh.cancelReconnect', { connectionId }).catch(report);
  },

  async answerPrompt(answer: z.input<typeof PromptAnswer>): Promise<void> {
    store().promptClosed(answer.promptId);
    await workbenchClient().call('ssh.answerPrompt', answer).catch(report);
  },
};
