import { useState } from 'react';
import type { CaptureParams } from '../../../shared/captures/recipes';
import type { PreflightReport } from '../../../shared/contract/index';
import { useAppStore } from '../../state/store';
import { workbenchClient } from '../../state/client';

interface Props {
  report: PreflightReport | null;
  checking: boolean;
  connectionId: string;
  params: CaptureParams | null;
  /** The fix runs in the terminal `terminalId`; the dialog stays, with what was chosen. */
  onFixStarted(terminalId: string): void;
}

/** What preflight found, and fixes that run only after the user has read and confirmed them. */
export function PreflightPanel({ report, checking, connectionId, params, onFixStarted }: Props) {
  const [confirming, setConfirming] = useState<number | null>(null);
  if (checking && !report) return <p className="quiet preflight">Checking the host…</p>;
  if (!report) return null;

  const runFix = async (fixIndex: number) => {
    if (!params) return;
    try {
      const info = await workbenchClient().call('capture.runFix', {
        connectionId,
        params,
        fixIndex,
        cols: 120,
        rows: 30,
      });
      useAppStore.getState().tabOpened({ ...info });
      setConfirming(null);
      onFixStarted(info.terminalId);
    } catch (error) {
      useAppStore
        .getState()
        .noticeRaised('error', error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className={`preflight ${report.ready ? 'ready' : 'blocked'}`} aria-label="Preflight">
      <p className="mono">
        {report.toolPath
          ? `✓ ${report.toolPath}${report.version ? ` — ${report.version}` : ''}`
          : `✗ ${report.tool} not found`}
      </p>
      {report.problems.map((p) => (
        <p key={p} className="error">
          {p}
        </p>
      ))}
      {report.warnings.map((w) => (
        <p key={w} className="warn">
          {w}
        </p>
      ))}
      {report.fixes.map((fix, index) => (
        <div key={fix.command} className="fix">
          <span>{fix.label}</span>
          <code className="mono">{fix.command}</code>
          {confirming === index ? (
            <span className="buttons">
              <button type="button" className="primary" onClick={() => void runFix(index)}>
                Run this command
              </button>
              <button type="button" onClick={() => setConfirming(null)}>
                No
              </button>
            </span>
          ) : (
            <button type="button" onClick={() => setConfirming(index)}>
              Fix…
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
