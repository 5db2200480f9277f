import { useState } from 'react';
import type { RequestOutput } from '../../../shared/contract/index';
import { actions } from '../../state/actions';

type Failures = RequestOutput<'hosts.importSshConfig'>['failed'];

/**
 * Imports the hosts of ~/.ssh/config, each resolved by OpenSSH itself (`ssh -G`). A config with
 * `Match exec` is imported only after the user agrees to let ssh run those commands.
 */
export function ImportSshConfig() {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<Failures | null>(null);
  const run = async (allowMatchExec: boolean) => {
    setBusy(true);
    setFailed(await actions.importSshConfig(allowMatchExec));
    setBusy(false);
  };
  const needsConsent = failed?.some((failure) => failure.needsConsent) ?? false;
  return (
    <div className="ssh-import">
      <button
        type="button"
        disabled={busy}
        onClick={() => void run(false)}
        title="Resolved with ssh -G, exactly as OpenSSH resolves them"
      >
        {busy ? 'Importing…' : 'Import from ~/.ssh/config'}
      </button>
      {failed && failed.length > 0 && (
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
