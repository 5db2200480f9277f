import { captureTarget } from '../../../shared/captures/recipes';
import type { TerminalInfo } from '../../../shared/contract/index';
import { continueTarget, planCapture, preflight, targetState } from '../capture/captureRunner';
import { listProcesses } from '../capture/processList';
import type { ConnectionManager } from '../ssh/connectionManager';
import type { OpenRequest, TerminalManager } from '../terminals/terminalManager';
import type { DomainHandlers } from './handlerTypes';

/** Opens a terminal for the page `owner` (undefined: no page); closes it if that page is gone. */
export type OpenTerminal = (request: OpenRequest) => Promise<TerminalInfo>;

export function terminalHandlers(
  terminals: TerminalManager,
  openTerminal: OpenTerminal,
  owner: string | undefined,
  present: (clientId: string) => boolean,
): DomainHandlers<'terminal'> {
  return {
    // A page with no id (tests, tools) has nothing to take over.
    'terminal.reattach': async () => (owner ? terminals.reattach(owner, present) : []),
    'terminal.openShell': ({ connectionId, cols, rows }) =>
      openTerminal({ connectionId, cols, rows, title: 'shell', owner }),
    'terminal.resize': async ({ terminalId, cols, rows }) => ({
      resized: terminals.resize(terminalId, cols, rows),
    }),
    'terminal.close': async ({ terminalId }) => ({ closed: terminals.close(terminalId) }),
    'terminal.restart': async ({ terminalId }) => ({
      restarted: await terminals.restart(terminalId),
    }),
  };
}

/** The page's fleet and insights tabs, kept with its terminals and taken over with them. */
export function appTabsHandlers(
  terminals: TerminalManager,
  owner: string | undefined,
  present: (clientId: string) => boolean,
): DomainHandlers<'appTabs'> {
  return {
    'appTabs.keep': async ({ tabs }) => {
      if (!owner) return { kept: 0 };
      terminals.appTabs.keep(owner, tabs);
      return { kept: tabs.length };
    },
    'appTabs.reattach': async () => (owner ? terminals.appTabs.takeOver(owner, present) : []),
  };
}

/** Answers the sudo prompts of a capture's terminal from a question in the app. */
export type AnswerSudo = (terminalId: string, connectionId: string, title: string) => void;

export function captureHandlers(
  connections: ConnectionManager,
  openTerminal: OpenTerminal,
  owner: string | undefined,
  answerSudo: AnswerSudo,
): DomainHandlers<'capture' | 'processes'> {
  return {
    'capture.preflight': ({ connectionId, params, sudo }) =>
      preflight(connections.client(connectionId), params, sudo === true),
    'capture.start': async ({ connectionId, params, cols, rows, sudo }) => {
      const plan = await planCapture(connections.client(connectionId), params, sudo === true);
      const info = await openTerminal({
        connectionId,
        cols,
        rows,
        ...plan,
        owner,
        capture: params,
      });
      if (sudo) answerSudo(info.terminalId, connectionId, plan.title);
      return {
        ...info,
        recipe: params.recipe,
        params,
        pid: captureTarget(params),
        command: plan.command,
        ...(sudo ? { sudo } : {}),
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
  };
}
