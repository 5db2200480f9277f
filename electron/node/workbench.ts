import { homedir } from 'node:os';
import { join } from 'node:path';
import type { WorkbenchHandlers } from '../../shared/contract/index';
import { continueTarget, planCapture, preflight, targetState } from './capture/captureRunner';
import { listProcesses } from './capture/processList';
import { captureTarget } from '../../shared/captures/recipes';
import { TerminalManager } from './session/terminalManager';
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
}

export interface Workbench {
  handlers: WorkbenchHandlers;
  events: EventHub;
  connections: ConnectionManager;
  terminals: TerminalManager;
  /** Closes every terminal and connection; resolves when the capture logs are on disk. */
  dispose(): Promise<void>;
}

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

  const handlers: WorkbenchHandlers = {
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
    'terminal.openShell': ({ connectionId, cols, rows }) =>
      terminals.open({ connectionId, cols, rows, title: 'shell' }),
    'terminal.resize': async ({ terminalId, cols, rows }) => ({
      resized: terminals.resize(terminalId, cols, rows),
    }),
    'terminal.close': async ({ terminalId }) => ({ closed: terminals.close(terminalId) }),
    'capture.preflight': ({ connectionId, params }) =>
      preflight(connections.client(connectionId), params),
    'capture.start': async ({ connectionId, params, cols, rows }) => {
      const plan = await planCapture(connections.client(connectionId), params);
      const info = await terminals.open({ connectionId, cols, rows, ...plan });
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
      return terminals.open({ connectionId, cols, rows, title: 'setup', command: fix.command });
    },
    'processes.list': ({ connectionId }) => listProcesses(connections.client(connectionId)),
    'capture.targetState': ({ connectionId, pid }) =>
      targetState(connections.client(connectionId), pid),
    'capture.continueTarget': ({ connectionId, pid }) =>
      continueTarget(connections.client(connectionId), pid),
  };

  return {
    handlers,
    events,
    connections,
    terminals,
    async dispose() {
      const logs = terminals.disposeAll();
      connections.disposeAll();
      // Never hold up a quit for long: a log that cannot finish in 2 s keeps what it has.
      await Promise.race([logs, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    },
  };
}
