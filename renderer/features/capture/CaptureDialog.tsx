import { useEffect, useMemo, useState } from 'react';
import {
  captureCommand,
  isRecipeId,
  RECIPES,
  withToolPath,
} from '../../../shared/captures/recipes';
import type { PreflightReport } from '../../../shared/contract/index';
import { sudoCommand } from '../../../shared/captures/sudo';
import { CommandText } from '../../ui/CommandText';
import { actions } from '../../state/actions';
import { workbenchClient } from '../../state/client';
import { useAppStore } from '../../state/store';
import type { CaptureRequest } from '../../state/uiSlice';
import {
  defaultFormValues,
  formToParams,
  RECIPE_ORDER,
  recipeNeedsPid,
  type CaptureFormValues,
} from './captureForm';
import { PreflightPanel } from './PreflightPanel';
import { HostSelect, useConnected } from './HostSelect';
import { ProcessPicker } from './ProcessPicker';
import { RecipeOptions } from './RecipeOptions';

interface Props {
  defaultConnectionId: string | null;
  request: CaptureRequest;
  onDone(): void;
}

/** Preflight runs this long after the last change, so typing a PID does not flood the host. */
const PREFLIGHT_DELAY_MS = 300;

/** Picks a capture, shows its exact command and preflight, and starts it. */
export function CaptureDialog({ defaultConnectionId, request, onDone }: Props) {
  const initialRecipe = request.recipe;
  const initialPid = request.pid;
  const connections = useConnected();
  const [connectionId, setConnectionId] = useState(
    defaultConnectionId ?? connections[0]?.connectionId ?? '',
  );
  const [values, setValues] = useState<CaptureFormValues>(() => ({
    ...defaultFormValues(initialRecipe, initialPid ? String(initialPid) : ''),
    ...(request.followThreads !== undefined ? { followThreads: request.followThreads } : {}),
  }));
  const [report, setReport] = useState<PreflightReport | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [picking, setPicking] = useState(!initialPid && recipeNeedsPid(initialRecipe));
  const form = useMemo(() => formToParams(values), [values]);
  /** Run as root through sudo; its password is asked when sudo asks for it. */
  const [sudo, setSudo] = useState(false);
  // The command as it will run: with the tool where preflight found it, through sudo if asked.
  const plain = form.ok
    ? captureCommand(withToolPath(form.params, report?.toolPath ?? null))
    : null;
  const command = plain !== null && sudo ? sudoCommand(plain) : plain;
  /** A fix started from this dialog runs in its own tab; when it ends, the host is checked again. */
  const [fixTerminalId, setFixTerminalId] = useState<string | null>(null);
  const fixEnded = useAppStore((s) =>
    fixTerminalId ? (s.tabs.find((t) => t.terminalId === fixTerminalId)?.ended ?? null) : null,
  );

  useEffect(() => {
    setReport(null);
    if (!form.ok || !connectionId) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      setChecking(true);
      workbenchClient()
        .call('capture.preflight', { connectionId, params: form.params, sudo })
        .then((r) => !cancelled && setReport(r))
        .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)))
        .finally(() => !cancelled && setChecking(false));
    }, PREFLIGHT_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [form, connectionId, fixEnded, sudo]);

  const update = (patch: Partial<CaptureFormValues>) => {
    setError(null);
    setValues((v) => ({ ...v, ...patch }));
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!form.ok) return setError(form.reason);
    setBusy(true);
    const failure = await actions.startCapture(connectionId, form.params, request.focusTid, sudo);
    setBusy(false);
    if (failure) setError(failure);
    else onDone();
  };

  if (connections.length === 0) {
    return (
      <div className="popover capture-dialog" role="dialog" aria-label="New capture">
        <p>Connect to a host first.</p>
        <button type="button" onClick={onDone}>
          Close
        </button>
      </div>
    );
  }

  return (
    <form
      className="popover capture-dialog"
      role="dialog"
      aria-label="New capture"
      onSubmit={submit}
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      <h3>New capture</h3>
      <div className="row">
        <HostSelect value={connectionId} onChange={setConnectionId} />
        <label>
          Capture
          <select
            aria-label="Capture"
            value={values.recipe}
            onChange={(e) =>
              isRecipeId(e.target.value) &&
              update({ ...defaultFormValues(e.target.value, values.pid) })
            }
          >
            {RECIPE_ORDER.map((id) => (
              <option key={id} value={id}>
                {RECIPES[id].title}
              </option>
            ))}
          </select>
        </label>
      </div>
      {recipeNeedsPid(values.recipe) && (
        <div className="pid-line">
          <label>
            PID
            <input
              required
              inputMode="numeric"
              value={values.pid}
              onChange={(e) => update({ pid: e.target.value.trim() })}
            />
          </label>
          <button type="button" onClick={() => setPicking((p) => !p)} aria-expanded={picking}>
            {picking ? 'Hide processes' : 'Pick a process…'}
          </button>
        </div>
      )}
      {recipeNeedsPid(values.recipe) && picking && connectionId && (
        <ProcessPicker
          connectionId={connectionId}
          onPick={(row) => {
            update({ pid: String(row.pid) });
            setPicking(false);
          }}
        />
      )}
      <RecipeOptions values={values} update={update} />
      <label
        className="check"
        title="sudo's password prompt is answered from a question here; the password is not kept"
      >
        <input
          type="checkbox"
          checked={sudo}
          onChange={(e) => {
            setError(null);
            setSudo(e.target.checked);
          }}
        />
        Run as root (sudo)
      </label>
      <p className="quiet mono command-preview" aria-label="Command">
        {command !== null ? <CommandText command={command} /> : form.ok ? '' : form.reason}
      </p>
      <PreflightPanel
        report={report}
        checking={checking}
        connectionId={connectionId}
        params={form.ok ? form.params : null}
        onFixStarted={setFixTerminalId}
      />
      {fixTerminalId && (
        <p className="quiet" role="status" aria-label="Fix">
          {fixEnded
            ? `The fix ended (${fixEnded.replace(/\.$/, '')}); the host was checked again.`
            : 'The fix runs in its own tab; the host is checked again when it ends.'}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="buttons">
        <button
          type="submit"
          className="primary"
          disabled={busy || !form.ok || report?.ready === false}
        >
          Start capture
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
