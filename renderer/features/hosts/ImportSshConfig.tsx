import { useState } from 'react';
import type { RequestOutput } from '../../../shared/contract/index';
import { actions } from '../../state/actions';
import { resolverText } from './sshConfigResolver';

type ImportResult = RequestOutput<'hosts.importSshConfig'>;

/**
 * Imports the hosts of ~/.ssh/config, each resolved by OpenSSH itself (`ssh -G`) or, where no
 * OpenSSH client is installed, by the workbench's parser; the result says which. With ssh -G, a
 * config with `Match exec` is imported only after the user agrees to let ssh run those commands;
 * the parser never runs them and lists them as not evaluated.
 */
export function ImportSshConfig() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const run = async (allowMatchExec: boolean) => {
    setBusy(true);
    setResult(await actions.importSshConfig(allowMatchExec));
    setBusy(false);
  };
  const failed = result?.failed ?? [];
  const needsConsent = failed.some((failure) => failure.needsConsent);
  return (
    <div className="ssh-import">
      <button
        type="button"
        disabled={busy}
        onClick={() => void run(false)}
        title="Resolved with ssh -G, exactly as OpenSSH resolves them (the workbench's parser where ssh is not installed)"
      >
        {busy ? 'Importing…' : 'Import from ~/.ssh/config'}
      </button>
      {result && (
        <p className="quiet" role="status" aria-label="Resolved by">
          {result.imported.length} imported, {resolverText(result.resolver)}.
        </p>
      )}
      {result && result.notes.length > 0 && (
        <div className="warn ssh-import-notes" role="note" aria-label="May differ from ssh">
          <ul>
            {result.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      )}
      {failed.length > 0 && (
        <div className="host-error" role="alert" aria-label="Import problems">
          <ul>
            {failed.map((failure) => (
              <li key={failure.alias}>
                <span className="mono">{failure.alias}</span>: {failure.error}
              </li>
            ))}
          </ul>
          {needsConsent && (
            <button type="button" disabled={busy} onClick={() => void run(true)}>
              Let ssh run the Match exec commands and import
            </button>
          )}
        </div>
      )}
    </div>
  );
}
