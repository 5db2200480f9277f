import { useState } from 'react';
import { actions } from '../../state/actions';
import { useAppStore } from '../../state/store';
import { JumpPicker } from './JumpPicker';

interface Props {
  onDone(): void;
}

/**
 * Address, port, user, key file and jump hosts: everything a key-based SSH login needs, nothing
 * secret. An empty key file means the ssh-agent's keys only.
 */
export function AddHostForm({ onDone }: Props) {
  const [host, setHost] = useState('');
  const [port, setPort] = useState('22');
  const [user, setUser] = useState('');
  const [keyPath, setKeyPath] = useState('~/.ssh/id_ed25519');
  const [label, setLabel] = useState('');
  const [jump, setJump] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const hosts = useAppStore((s) => s.hosts);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const saved = await actions.saveHost({
      host: host.trim(),
      port: Number(port),
      user: user.trim(),
      ...(keyPath.trim() ? { keyPath: keyPath.trim() } : {}),
      label: label.trim(),
      ...(jump.length > 0 ? { jump: jump.map((hostId) => ({ hostId })) } : {}),
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
        Private key file <span className="quiet">(empty: ssh-agent only)</span>
        <input value={keyPath} onChange={(e) => setKeyPath(e.target.value)} spellCheck={false} />
      </label>
      <label>
        Label <span className="quiet">(optional)</span>
        <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="api-1 prod" />
      </label>
      <JumpPicker hosts={hosts} value={jump} onChange={setJump} />
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
