import type { CaptureParamsInput } from '../../shared/captures/recipes';
import { report, store, workbenchClient } from './client';
import { isLocalTab } from './tabsSlice';

/** A PTY starts at this size; the pane's fit addon resizes it as soon as it is laid out. */
const INITIAL_SIZE = { cols: 120, rows: 30 };

/** Terminals and captures: open a shell, start a capture, resize, close a tab. */
export const terminalActions = {
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
    /** Run as root through sudo. */
    sudo = false,
  ): Promise<string | null> {
    const started = await terminalActions.startCaptureTab(connectionId, params, focusTid, sudo);
    return 'error' in started ? started.error : null;
  },

  /** As startCapture, with the tab's id when it started (a fleet tab follows it). */
  async startCaptureTab(
    connectionId: string,
    params: CaptureParamsInput,
    focusTid?: number,
    sudo = false,
  ): Promise<{ terminalId: string } | { error: string }> {
    try {
      const info = await workbenchClient().call('capture.start', {
        connectionId,
        params,
        ...INITIAL_SIZE,
        ...(sudo ? { sudo } : {}),
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
      return { terminalId: info.terminalId };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  },

  /** Runs an interrupted capture again in its tab (the Node side marks the restart). */
  async restartCapture(terminalId: string): Promise<void> {
    try {
      await workbenchClient().call('terminal.restart', { terminalId });
    } catch (error) {
      report(error);
    }
  },

  async closeTab(terminalId: string): Promise<void> {
    const tab = store().tabs.find((t) => t.terminalId === terminalId);
    store().tabClosed(terminalId);
    if (tab && isLocalTab(tab)) return;
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
