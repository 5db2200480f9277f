import type { Client } from 'ssh2';
import type { ConnectionInfo, HostProfile } from '../../../shared/contract/index';
import type { HostStore } from '../store/hostStore';
import { remoteExec } from '../terminals/remoteExec';
import { newId } from '../util/ids';
import type { EventSink } from '../util/emitter';
import { SshConnectError } from './connectErrors';
import type { KnownHosts } from './knownHosts';
import type { PromptBroker } from './promptBroker';
import { connectThrough } from './jumpChain';
import { HostKeysSeen, recordConnection } from './connectionRecord';
import type { ConnectTarget } from './sshConnect';

interface Connection {
  info: ConnectionInfo;
  /** `user@host[:port]`, for capture logs. */
  address: string;
  client: Client | null;
  closeListeners: Set<(reason: string) => void>;
}

/** Open SSH connections by id, their state, and what to tell their terminals when they drop. */
export class ConnectionManager {
  private connections = new Map<string, Connection>();

  constructor(
    private readonly hosts: HostStore,
    private readonly knownHosts: KnownHosts,
    private readonly prompts: PromptBroker,
    private readonly emit: EventSink,
    private readonly handshakeTimeoutMs?: number,
    /** The ssh-agent socket offered to hosts that allow it (SSH_AUTH_SOCK in the app). */
    private readonly agentSocket?: string,
  ) {}

  async connect(hostId: string): Promise<ConnectionInfo> {
    const host = await this.hosts.get(hostId);
    const connectionId = newId('c');
    const connection: Connection = {
      info: { connectionId, hostId, state: 'connecting', cores: null },
      address: `${host.user}@${host.host}${host.port === 22 ? '' : `:${host.port}`}`,
      client: null,
      closeListeners: new Set(),
    };
    this.connections.set(connectionId, connection);
    this.update(connection, {});
    try {
      const jumps = await this.jumpTargets(host);
      const hostKeys = new HostKeysSeen();
      const client = await connectThrough(jumps, this.connectTargetOf(host), {
        knownHosts: this.knownHosts,
        handshakeTimeoutMs: this.handshakeTimeoutMs,
        onHostKey: hostKeys.add,
        askHostKey: async (request) => {
          const answer = await this.prompts.ask({ kind: 'host-key', ...request });
          return answer.kind === 'host-key' && answer.accept;
        },
        askPassphrase: async (request) => {
          const answer = await this.prompts.ask({ kind: 'passphrase', ...request });
          return answer.kind === 'passphrase' ? answer.secret : null;
        },
      });
      connection.client = client;
      client.on('close', () => this.dropped(connection, `The connection to ${host.host} closed.`));
      client.on('error', (error) =>
        this.dropped(connection, `The connection to ${host.host} failed: ${error.message}`),
      );
      const [cores, record] = await Promise.all([
        this.countCores(client),
        recordConnection(client, hostKeys.list(), host.user),
      ]);
      return this.update(connection, { state: 'connected', cores, ...(record ? { record } : {}) });
    } catch (error) {
      const failure = error instanceof SshConnectError ? error.failure : 'protocol';
      this.update(connection, { state: 'failed', failure, message: (error as Error).message });
      this.connections.delete(connectionId);
      throw error;
    }
  }

  disconnect(connectionId: string): boolean {
    const connection = this.connections.get(connectionId);
    if (!connection) return false;
    connection.client?.end();
    this.dropped(connection, 'Disconnected.');
    return true;
  }

  client(connectionId: string): Client {
    const connection = this.connections.get(connectionId);
    if (!connection?.client || connection.info.state !== 'connected') {
      throw new Error('That connection is not open; connect to the host again.');
    }
    return connection.client;
  }

  /** Every connection that is open or opening: a page loaded later shows them as they are. */
  list(): ConnectionInfo[] {
    return [...this.connections.values()].map((connection) => connection.info);
  }

  /** `user@host[:port]` of an open connection. */
  addressOf(connectionId: string): string | undefined {
    return this.connections.get(connectionId)?.address;
  }

  /** Calls back once when the connection ends; returns the unsubscribe. */
  onClose(connectionId: string, listener: (reason: string) => void): () => void {
    const connection = this.connections.get(connectionId);
    if (!connection) return () => undefined;
    connection.closeListeners.add(listener);
    return () => connection.closeListeners.delete(listener);
  }

  disposeAll(): void {
    for (const connection of [...this.connections.values()]) {
      connection.client?.end();
      this.dropped(connection, 'The workbench is shutting down.');
    }
  }

  /**
   * The profile's jump chain as addresses. A hop naming a saved profile uses that profile's
   * address, user and key; that profile's own jump chain is not followed (no nesting, no loops).
   */
  private async jumpTargets(host: HostProfile): Promise<ConnectTarget[]> {
    const targets: ConnectTarget[] = [];
    for (const hop of host.jump ?? []) {
      if ('hostId' in hop) {
        const saved = await this.hosts.get(hop.hostId).catch(() => {
          throw new SshConnectError(
            'protocol',
            `The jump host profile ${hop.hostId} named by ${host.label} no longer exists.`,
          );
        });
        targets.push({
          host: saved.host,
          port: saved.port,
          user: saved.user,
          keyPath: saved.keyPath,
        });
      } else {
        targets.push(hop);
      }
    }
    return targets;
  }

  /** What connectSsh needs of a profile or hop: the agent socket only where it is allowed. */
  private connectTargetOf(host: {
    host: string;
    port: number;
    user: string;
    keyPath?: string;
    extraKeyPaths?: readonly string[];
    agent?: boolean;
    identitiesOnly?: boolean;
    serverAliveInterval?: number;
    serverAliveCountMax?: number;
  }): ConnectTarget {
    const where = `${host.user}@${host.host}:${host.port}`;
    if (host.agent === true && !this.agentSocket) {
      throw new SshConnectError(
        'auth',
        `${where} is set to use the ssh-agent, but SSH_AUTH_SOCK is not set for this app.`,
      );
    }
    return {
      host: host.host,
      port: host.port,
      user: host.user,
      ...(host.keyPath !== undefined ? { keyPath: host.keyPath } : {}),
      ...(host.extraKeyPaths?.length ? { extraKeyPaths: host.extraKeyPaths } : {}),
      ...(host.agent !== false && this.agentSocket ? { agentSocket: this.agentSocket } : {}),
      ...(host.identitiesOnly ? { identitiesOnly: true } : {}),
      ...(host.serverAliveInterval ? { serverAliveInterval: host.serverAliveInterval } : {}),
      ...(host.serverAliveCountMax ? { serverAliveCountMax: host.serverAliveCountMax } : {}),
    };
  }

  private async countCores(client: Client): Promise<number | null> {
    const result = await remoteExec(client, 'nproc 2>/dev/null || getconf _NPROCESSORS_ONLN').catch(
      () => null,
    );
    const cores = Number.parseInt(result?.stdout.trim() ?? '', 10);
    return Number.isInteger(cores) && cores > 0 ? cores : null;
  }

  private dropped(connection: Connection, reason: string): void {
    if (!this.connections.has(connection.info.connectionId)) return;
    this.connections.delete(connection.info.connectionId);
    this.update(connection, { state: 'closed', message: reason });
    for (const listener of connection.closeListeners) listener(reason);
    connection.closeListeners.clear();
  }

  private update(connection: Connection, patch: Partial<ConnectionInfo>): ConnectionInfo {
    connection.info = { ...connection.info, ...patch };
    this.emit('ssh.onConnectionChanged', connection.info);
    return connection.info;
  }
}
