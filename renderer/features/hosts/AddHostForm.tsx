import { useState } from 'react';
import { actions } from '../../state/actions';

interface Props {
  onDone(): void;
}

/** Address, port, user and key file: everything a key-based SSH login needs, nothing secret. */
export function AddHostForm({ onDone }: Props) {
  const [host, setHost] = useState('');
  const [port, setPort] = useState('22');
  const [user, setUser] = useState('');
  const [keyPath, setKeyPath] = useState('~/.ssh/id_ed25519');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const saved = await actions.saveHost({
      host: host.trim(),
      port: Number(port),
      user: user.trim(),
      keyPath: keyPath.trim(),
      label: label.trim(),
    });
    setBusy(false);
    if (saved) onDone();
  };

  return (
    <form
      className="add-host"
      onSubmit={submit}
      aria-label="Add host"
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      <label>
        Address
        <input
          autoFocus
          required
          value={host}
          onChange={(e) => setHost(e.target.value)}
          placeholder="10.0.0.5 or db1.example.com"
        />
      </label>
      <div className="row">
        <label>
          User
          <input
            required
            value={user}
            onChange={(e) => setUser(e.target.value)}
            placeholder="root"
          />
        </label>
        <label className="port">
          Port
          <input
            required
            inputMode="numeric"
            pattern="[0-9]{1,5}"
            value={port}
            onChange={(e) => setPort(e.target.value)}
          />
        </label>
      </div>
      <label>
        Private key file
        <input
          required
          value={keyPath}
          onChange={(e) => setKeyPath(e.target.value)}
          spellCheck={false}
        />
      </label>
      <label>
        Label <span className="quiet">(optional)</span>
        <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="api-1 prod" />
      </label>
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          Save host
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
