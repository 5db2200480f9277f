import { notebookHandlers } from './notebook/notebookHandlers';
import { NotebookStore } from './notebook/notebookStore';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { WorkbenchHandlers } from '../../shared/contract/index';
import { continueTarget, planCapture, preflight, targetState } from './capture/captureRunner';
import { listProcesses } from './capture/processList';
import { captureTarget } from '../../shared/captures/recipes';
import { RendererClients } from './terminals/rendererClients';
import { TerminalManager, type OpenRequest } from './terminals/terminalManager';
import { ConnectionManager } from './ssh/connectionManager';
import { KnownHosts } from './ssh/knownHosts';
import { PromptBroker } from './ssh/promptBroker';
import { HostStore } from './store/hostStore';
import { EventHub } from './util/emitter';

export interface WorkbenchOptions {
  /** Where hosts.json and the app's own known_hosts live. */
  dataDir: string;
  /** Extra known_hosts files that are trusted but never written (default: ~/.ssh/known_hosts). */
  trustedKnownHosts?: string[];
  handshakeTimeoutMs?: number;
  /** Keep every terminal's output in `dataDir/captures` (default true). */
  captureLogs?: boolean;
  /** How long a renderer's terminals outlive its closed socket, in case it comes back (ms). */
  rendererGraceMs?: number;
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

/** The Node side as one object: the Electron main process and the browser-mode server both wire this. */
export function createWorkbench(options: WorkbenchOptions): Workbench {
  const events = new EventHub();
  const hosts = new HostStore(join(options.dataDir, 'hosts.json'));
  const knownHosts = new KnownHosts([
    join(options.dataDir, 'known_hosts'),
    ...(options.trustedKnownHosts ?? [join(homedir(), '.ssh', 'known_hosts')]),
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
  );
  const terminals = new TerminalManager(
    connections,
    events.emit,
    options.captureLogs === false ? undefined : join(options.dataDir, 'captures'),
  );

  const notebooks = new NotebookStore(options.dataDir);
  const clients = new RendererClients((clientId) => {
    terminals.closeOwnedBy(clientId, ORPHANED);
    void notebooks.releaseAll(clientId);
  }, options.rendererGraceMs ?? DEFAULT_RENDERER_GRACE_MS);
  const openTerminal = async (request: OpenRequest) => {
    const info = await terminals.open(request);
    // Its page went away while the capture was being planned: nobody will ever see it.
    if (request.owner && clients.isGone(request.owner)) terminals.close(info.terminalId, ORPHANED);
    return info;
  };

  const handlersFor = (owner?: string): WorkbenchHandlers => ({
    'hosts.list': () => hosts.list(),
    'hosts.save': (input) => hosts.save(input),
    'hosts.remove': async ({ hostId }) => ({ removed: await hosts.remove(hostId) }),
    'ssh.connect': ({ hostId }) => connections.connect(hostId),
    'ssh.disconnect': async ({ connectionId }) => ({
      closed: connections.disconnect(connectionId),
    }),
    'ssh.answerPrompt': async ({ promptId, ...answer }) => ({
      accepted: prompts.answer(promptId, answer),
    }),
    'ssh.listConnections': async () => connections.list(),
    'terminal.openShell': ({ connectionId, cols, rows }) =>
      openTerminal({ connectionId, cols, rows, title: 'shell', owner }),
    'terminal.resize': async ({ terminalId, cols, rows }) => ({
      resized: terminals.resize(terminalId, cols, rows),
    }),
    'terminal.close': async ({ terminalId }) => ({ closed: terminals.close(terminalId) }),
    'capture.preflight': ({ connectionId, params }) =>
      preflight(connections.client(connectionId), params),
    'capture.start': async ({ connectionId, params, cols, rows }) => {
      const plan = await planCapture(connections.client(connectionId), params);
      const info = await openTerminal({ connectionId, cols, rows, ...plan, owner });
      return {
        ...info,
        recipe: params.recipe,
        params,
        pid: captureTarget(params),
        command: plan.command,
      };
    },
    'capture.runFix': async ({ connectionId, params, fixIndex, cols, rows }) => {
      // The fix is recomputed here from the recipe: the renderer can only pick one, not write one.
      const report = await preflight(connections.client(connectionId), params);
      const fix = report.fixes[fixIndex];
      if (!fix) throw new Error('That fix is no longer offered; run the preflight again.');
      return openTerminal({
        connectionId,
        cols,
        rows,
        title: 'setup',
        command: fix.command,
        owner,
      });
    },
    'processes.list': ({ connectionId }) => listProcesses(connections.client(connectionId)),
    'capture.targetState': ({ connectionId, pid }) =>
      targetState(connections.client(connectionId), pid),
    'capture.continueTarget': ({ connectionId, pid }) =>
      continueTarget(connections.client(connectionId), pid),
    ...notebookHandlers(notebooks, owner ?? 'local'),
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
      const logs = terminals.disposeAll();
      connections.disposeAll();
      // Never hold up a quit for long: a log that cannot finish in 2 s keeps what it has.
      await Promise.race([logs, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    },
  };
}
