import type { ConnectionManager } from '../ssh/connectionManager';
import type { PromptBroker } from '../ssh/promptBroker';
import { importSshConfig } from '../ssh/sshConfigImport';
import type { HostStore } from '../store/hostStore';
import type { DomainHandlers } from './handlerTypes';

/**
 * `ssh.configFile`: read instead of ~/.ssh/config and /etc/ssh/ssh_config; `ssh.searchPath`:
 * where OpenSSH's client is looked for instead of PATH (tests).
 */
export function hostsHandlers(
  hosts: HostStore,
  ssh: { configFile?: string; searchPath?: string } = {},
): DomainHandlers<'hosts'> {
  return {
    'hosts.list': () => hosts.list(),
    'hosts.save': (input) => hosts.save(input),
    'hosts.remove': async ({ hostId }) => ({ removed: await hosts.remove(hostId) }),
    'hosts.importSshConfig': ({ allowMatchExec }) =>
      importSshConfig(hosts, {
        ...(ssh.configFile ? { configFile: ssh.configFile } : {}),
        ...(ssh.searchPath !== undefined ? { searchPath: ssh.searchPath } : {}),
        ...(allowMatchExec ? { allowMatchExec } : {}),
      }),
  };
}

export function sshHandlers(
  connections: ConnectionManager,
  prompts: PromptBroker,
): DomainHandlers<'ssh'> {
  return {
    'ssh.connect': ({ hostId }) => connections.connect(hostId),
    'ssh.disconnect': async ({ connectionId }) => ({
      closed: connections.disconnect(connectionId),
    }),
    'ssh.cancelReconnect': async ({ connectionId }) => ({
      cancelled: connections.cancelReconnect(connectionId),
    }),
    'ssh.reconnectNow': async ({ connectionId }) => ({
      trying: connections.reconnectNow(connectionId),
    }),
    'ssh.answerPrompt': async ({ promptId, ...answer }) => ({
      accepted: prompts.answer(promptId, answer),
    }),
    'ssh.listConnections': async () => connections.list(),
  };
}
