import { homedir } from 'node:os';
import { join } from 'node:path';
import type { WorkbenchHandlers } from '../../shared/contract/index';
import { hostsHandlers, sshHandlers } from './handlers/hostsAndSsh';
import {
  appTabsHandlers,
  captureHandlers,
  terminalHandlers,
} from './handlers/terminalsAndCaptures';
import { LibraryIndex } from './notebook/libraryIndex';
import { notebookHandlers } from './notebook/notebookHandlers';
import { NotebookStore } from './notebook/notebookStore';
import { ArchiveTransfers } from './notebook/archiveTransfers';
import { RendererClients } from './terminals/rendererClients';
import { TerminalManager, type OpenRequest } from './terminals/terminalManager';
import { ConnectionManager } from './ssh/connectionManager';
import { defaultTrustedKnownHosts, KnownHosts } from './ssh/knownHosts';
import { PromptBroker } from './ssh/promptBroker';
import { findAgentSocket } from './ssh/agentSocket';
import { RememberedSecrets, type Keychain } from './secrets/rememberedSecrets';
import { answerSudoPrompts } from './capture/sudoAnswer';
import { HostStore } from './store/hostStore';
import { EventHub } from './util/emitter';

/** The sample investigation, under `build/` in the repository and the packaged app's resources. */
export const SAMPLE_ARCHIVE = 'sample/seed-000.investigation.zip';

export interface WorkbenchOptions {
  /** Where hosts.json and the app's own known_hosts live. */
  dataDir: string;
  /**
   * Extra known_hosts files that are trusted but never written (default: ~/.ssh/known_hosts,
   * then /etc/ssh/ssh_known_hosts).
   */
  trustedKnownHosts?: string[];
  handshakeTimeoutMs?: number;
  /** The ssh config file imports read (default: ~/.ssh/config and /etc/ssh/ssh_config). */
  sshConfigFile?: string;
  /** Where imports look for OpenSSH's `ssh` (default: PATH; none found: the workbench's parser). */
  sshSearchPath?: string;
  /**
   * The ssh-agent socket (default: SSH_AUTH_SOCK, else 1Password's or Secretive's socket under
   * the home directory; null: no agent).
   */
  agentSocket?: string | null;
  /** The OS keychain (Electron's safeStorage); absent in the browser mode: nothing is remembered. */
  keychain?: Keychain;
  /** Keep every terminal's output in `dataDir/captures` (default true). */
  captureLogs?: boolean;
  /** How long a renderer's terminals outlive its closed socket, in case it comes back (ms). */
  rendererGraceMs?: number;
  /** How long terminals wait for a page to take them over once theirs is gone (ms). */
  orphanKeepMs?: number;
  /** The sample investigation offered on first run (an archive shipped with the app). */
  sampleArchive?: string;
}

export interface Workbench {
  /** Handlers whose terminals belong to no renderer (tests, tools). */
  handlers: WorkbenchHandlers;
  /** Handlers for one renderer (page load): the terminals it opens end when it is gone. */
  handlersFor(clientId: string): WorkbenchHandlers;
  events: EventHub;
  connections: ConnectionManager;
  terminals: TerminalManager;
  clients: RendererClients;
  /** Closes every terminal and connection; resolves when the capture logs are on disk. */
  dispose(): Promise<void>;
}

/** A reload is a new page; a socket that drops and comes back within this keeps its terminals. */
const DEFAULT_RENDERER_GRACE_MS = 3000;
const ORPHANED = 'The page that opened it was reloaded or closed.';
/** A reload or a crashed renderer comes back in seconds; a closed window does not. */
const DEFAULT_ORPHAN_KEEP_MS = 10 * 60_000;

/** The Node side as one object: the Electron main process and the browser-mode server both wire this. */
export function createWorkbench(options: WorkbenchOptions): Workbench {
  const events = new EventHub();
  const hosts = new HostStore(join(options.dataDir, 'hosts.json'));
  const knownHosts = new KnownHosts([
    join(options.dataDir, 'known_hosts'),
    ...(options.trustedKnownHosts ?? defaultTrustedKnownHosts()),
  ]);
  const prompts = new PromptBroker(
    (prompt) => events.emit('ssh.onPrompt', prompt),
    (promptId) => events.emit('ssh.onPromptWithdrawn', { promptId }),
  );
  const connections = new ConnectionManager(
    hosts,
    knownHosts,
    prompts,
    events.emit,
    options.handshakeTimeoutMs,
    async () =>
      options.agentSocket === null
        ? null
        : findAgentSocket(
            { SSH_AUTH_SOCK: options.agentSocket ?? process.env.SSH_AUTH_SOCK },
            homedir(),
            process.platform,
          ),
    new RememberedSecrets(join(options.dataDir, 'keychain'), options.keychain ?? null),
  );
  const terminals = new TerminalManager(
    connections,
    events.emit,
    options.captureLogs === false ? undefined : join(options.dataDir, 'captures'),
  );

  const notebooks = new NotebookStore(options.dataDir);
  const services = {
    logOf: (terminalId: string) => terminals.logOf(terminalId),
    transfers: new ArchiveTransfers(),
    library: new LibraryIndex(notebooks),
    sampleArchive: options.sampleArchive ?? null,
  };
  const clients = new RendererClients((clientId) => {
    const keepMs = options.orphanKeepMs ?? DEFAULT_ORPHAN_KEEP_MS;
    terminals.orphanOwnedBy(
      clientId,
      keepMs,
      `No page took it over within ${Math.round(keepMs / 1000)} s of its own page going away.`,
    );
    void notebooks.releaseAll(clientId);
  }, options.rendererGraceMs ?? DEFAULT_RENDERER_GRACE_MS);
  const openTerminal = async (request: OpenRequest) => {
    const info = await terminals.open(request);
    // Its page went away while the capture was being planned: nobody will ever see it.
    if (request.owner && clients.isGone(request.owner)) terminals.close(info.terminalId, ORPHANED);
    return info;
  };

  const answerSudo = (terminalId: string, connectionId: string, title: string): void => {
    const session = terminals.get(terminalId);
    const host = connections.addressOf(connectionId) ?? connectionId;
    if (session) answerSudoPrompts({ session, prompts, host, title });
  };

  const present = (clientId: string) => clients.present(clientId);
  const handlersFor = (owner?: string): WorkbenchHandlers => ({
    ...hostsHandlers(hosts, {
      ...(options.sshConfigFile ? { configFile: options.sshConfigFile } : {}),
      ...(options.sshSearchPath !== undefined ? { searchPath: options.sshSearchPath } : {}),
    }),
    ...sshHandlers(connections, prompts),
    ...terminalHandlers(terminals, openTerminal, owner, present),
    ...appTabsHandlers(terminals, owner, present),
    ...captureHandlers(connections, openTerminal, owner, answerSudo),
    ...notebookHandlers(notebooks, owner ?? 'local', services),
  });

  return {
    handlers: handlersFor(),
    handlersFor,
    events,
    connections,
    terminals,
    clients,
    async dispose() {
      clients.dispose();
      services.library.dispose();
      const logs = terminals.disposeAll();
      connections.disposeAll();
      // Never hold up a quit for long: a log that cannot finish in 2 s keeps what it has.
      await Promise.race([logs, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    },
  };
}
