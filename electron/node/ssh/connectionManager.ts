import type { Client } from 'ssh2';
import type { ConnectFailure, ConnectionInfo, HostProfile } from '../../../shared/contract/index';
import type { HostStore } from '../store/hostStore';
import { remoteExec } from '../terminals/remoteExec';
import { newId } from '../util/ids';
import type { EventSink } from '../util/emitter';
import { SshConnectError } from './connectErrors';
import type { KnownHosts } from './knownHosts';
import type { PromptBroker } from './promptBroker';
import { connectThrough } from './jumpChain';
import { HeldAnswers } from './heldAnswers';
import { Reconnector } from './reconnector';
import { HostKeysSeen, recordConnection } from './connectionRecord';
import { connectTargetOf, jumpTargetsOf } from './connectTargets';
import type { FoundAgent } from './agentSocket';
import type { RememberedSecrets } from '../secrets/rememberedSecrets';

interface Connection {
  info: ConnectionInfo;
  /** `user@host[:port]`, for capture logs. */
  address: string;
  /** null while connecting or reconnecting. */
  client: Client | null;
  listeners: Set<LinkListener>;
  /** What the user answered for this connection: kept in memory until it ends. */
  held: HeldAnswers;
  /** Present while reconnecting. */
  reconnector?: Reconnector;
}

/** What a terminal (or anything else on a connection) hears about its link. */
export interface LinkListener {
  /** The link dropped on its own; reconnecting starts. */
  lost?(lostAt: number, reason: string): void;
  /** A new client replaces the lost one. */
  restored?(client: Client, lostAt: number): void;
  /** The connection ended for good. */
  closed?(reason: string): void;
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
    /** The agent offered to hosts that allow it (SSH_AUTH_SOCK, or 1Password's, Secretive's). */
    private readonly findAgent: () => Promise<FoundAgent | null> = async () => null,
    /** Passwords the user asked to keep in the OS keychain. */
    private readonly remembered?: RememberedSecrets,
  ) {}

  async connect(hostId: string): Promise<ConnectionInfo> {
    const host = await this.hosts.get(hostId);
    const connectionId = newId('c');
    const connection: Connection = {
      info: { connectionId, hostId, state: 'connecting', cores: null },
      address: `${host.user}@${host.host}${host.port === 22 ? '' : `:${host.port}`}`,
      client: null,
      listeners: new Set(),
      held: new HeldAnswers(),
    };
    this.connections.set(connectionId, connection);
    this.update(connection, {});
    const notes: string[] = [];
    try {
      const hostKeys = new HostKeysSeen();
      const client = await this.openClient(host, connection, notes, hostKeys);
      connection.client = client;
      this.watch(connection, client, host.host);
      const [cores, record] = await Promise.all([
        this.countCores(client),
        recordConnection(client, hostKeys.list(), host.user),
      ]);
      if (!this.connections.has(connectionId)) {
        throw new SshConnectError('closed', connection.info.message ?? 'The connection closed.');
      }
      const message = notes.join(' ');
      return this.update(connection, {
        state: 'connected',
        cores,
        ...(message ? { message } : {}),
        ...(record ? { record } : {}),
      });
    } catch (error) {
      const failure = error instanceof SshConnectError ? error.failure : 'protocol';
      this.update(connection, { state: 'failed', failure, message: (error as Error).message });
      this.connections.delete(connectionId);
      throw error;
    }
  }

  /**
   * One authenticated client for the profile, through its jump chain. What this connection was
   * already given (a passphrase, a host key accepted) is answered from memory, not asked again.
   */
  private async openClient(
    host: HostProfile,
    connection: Connection,
    notes: string[] = [],
    /** Collects each hop's host key for the connection's record. */
    hostKeys?: HostKeysSeen,
  ): Promise<Client> {
    const agent = await this.findAgent();
    const jumps = await jumpTargetsOf(host, (hostId) => this.hosts.get(hostId), agent);
    const target = connectTargetOf(host, agent);
    const client = await connectThrough(jumps, target, {
      knownHosts: this.knownHosts,
      handshakeTimeoutMs: this.handshakeTimeoutMs,
      ...(hostKeys ? { onHostKey: hostKeys.add } : {}),
      askHostKey: (request) =>
        connection.held.hostKey(request, async () => {
          const answer = await this.prompts.ask({ kind: 'host-key', ...request });
          return answer.kind === 'host-key' && answer.accept;
        }),
      askPassphrase: (request) =>
        connection.held.passphrase(request, async () => {
          const answer = await this.prompts.ask({ kind: 'passphrase', ...request });
          return answer.kind === 'passphrase' ? answer.secret : null;
        }),
      askSecret: async (request) => {
        // request.canRemember already asked the keychain (passwordMemory's canRemember).
        const answer = await this.prompts.ask({ kind: 'secret', ...request });
        if (answer.kind !== 'secret' || answer.answers === null) return null;
        return { answers: answer.answers, remember: answer.remember === true };
      },
      ...(this.remembered ? { passwordMemory: (login) => this.remembered?.forLogin(login) } : {}),
      note: (text) => notes.push(text),
    });
    const agentUsed = [...jumps, target].some((hop) => hop.agentSocket !== undefined);
    if (agentUsed && agent && agent.name !== 'the ssh-agent') {
      notes.unshift(`Agent: ${agent.name} (${agent.socket}).`);
    }
    return client;
  }

  /** A client that closes or fails on its own is lost: its connection reconnects. */
  private watch(connection: Connection, client: Client, hostName: string): void {
    let why = `The connection to ${hostName} closed.`;
    client.on('error', (error: Error & { level?: string }) => {
      why =
        error.level === 'client-timeout'
          ? `${hostName} stopped answering keepalives.`
          : `The connection to ${hostName} failed: ${error.message}`;
      this.lost(connection, client, why);
      client.destroy();
    });
    client.on('close', () => this.lost(connection, client, why));
  }

  disconnect(connectionId: string): boolean {
    const connection = this.connections.get(connectionId);
    if (!connection) return false;
    this.dropped(connection, 'Disconnected.');
    return true;
  }

  /** Stops reconnecting: the connection closes and its terminals end. */
  cancelReconnect(connectionId: string): boolean {
    const connection = this.connections.get(connectionId);
    if (!connection?.reconnector) return false;
    this.dropped(connection, 'Reconnecting cancelled.');
    return true;
  }

  /** Skips the backoff wait of a reconnecting connection. */
  reconnectNow(connectionId: string): boolean {
    return this.connections.get(connectionId)?.reconnector?.tryNow() ?? false;
  }

  client(connectionId: string): Client {
    const connection = this.connections.get(connectionId);
    if (connection?.info.state === 'reconnecting') {
      throw new Error('That connection is reconnecting; try again once it is back.');
    }
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

  /** Follows the connection through drops and reconnects; returns the unsubscribe. */
  onLink(connectionId: string, listener: LinkListener): () => void {
    const connection = this.connections.get(connectionId);
    if (!connection) return () => undefined;
    connection.listeners.add(listener);
    return () => connection.listeners.delete(listener);
  }

  disposeAll(): void {
    for (const connection of [...this.connections.values()]) {
      this.dropped(connection, 'The workbench is shutting down.');
    }
  }

  private async countCores(client: Client): Promise<number | null> {
    const result = await remoteExec(client, 'nproc 2>/dev/null || getconf _NPROCESSORS_ONLN').catch(
      () => null,
    );
    const cores = Number.parseInt(result?.stdout.trim() ?? '', 10);
    return Number.isInteger(cores) && cores > 0 ? cores : null;
  }

  /** The client under an open connection went away on its own: reconnect, unless not yet open. */
  private lost(connection: Connection, client: Client, reason: string): void {
    if (connection.client !== client || !this.connections.has(connection.info.connectionId)) return;
    connection.client = null;
    if (connection.info.state !== 'connected') {
      this.dropped(connection, reason);
      return;
    }
    const lostAt = Date.now();
    const reconnector = new Reconnector(
      {
        open: async () => this.openClient(await this.hosts.get(connection.info.hostId), connection),
        progress: (reconnect) =>
          this.update(connection, { state: 'reconnecting', message: reason, reconnect }),
        restored: (restored) => {
          connection.reconnector = undefined;
          connection.client = restored;
          this.watch(connection, restored, connection.address);
          this.update(connection, { state: 'connected', message: undefined, reconnect: undefined });
          for (const listener of connection.listeners) listener.restored?.(restored, lostAt);
        },
        gaveUp: (failure, message) => {
          connection.reconnector = undefined;
          this.dropped(connection, `Reconnecting stopped: ${message}`, failure);
        },
      },
      lostAt,
    );
    connection.reconnector = reconnector;
    for (const listener of connection.listeners) listener.lost?.(lostAt, reason);
    reconnector.start();
  }

  /** The connection ends for good: closed by the user or the app, or failed with its reason. */
  private dropped(connection: Connection, reason: string, failure?: ConnectFailure): void {
    if (!this.connections.has(connection.info.connectionId)) return;
    this.connections.delete(connection.info.connectionId);
    connection.reconnector?.cancel();
    connection.reconnector = undefined;
    const client = connection.client;
    connection.client = null;
    client?.end();
    connection.held.forget();
    this.update(
      connection,
      failure
        ? { state: 'failed', failure, message: reason, reconnect: undefined }
        : { state: 'closed', message: reason, reconnect: undefined },
    );
    for (const listener of connection.listeners) listener.closed?.(reason);
    connection.listeners.clear();
  }

  private update(connection: Connection, patch: Partial<ConnectionInfo>): ConnectionInfo {
    connection.info = { ...connection.info, ...patch };
    this.emit('ssh.onConnectionChanged', connection.info);
    return connection.info;
  }
}
