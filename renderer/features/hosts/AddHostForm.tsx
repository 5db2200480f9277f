import { useState } from 'react';
import type { HostProfile } from '../../../shared/contract/index';
import { actions } from '../../state/actions';
import { useAppStore } from '../../state/store';
import { JumpPicker } from './JumpPicker';
import { KeyOptionsFields } from './KeyOptionsFields';
import { keyFieldsOf, keyOptionsOf, withoutKeyFields } from './keyOptions';
import { AuthMethodPicker } from './AuthMethodPicker';

interface Props {
  /** The host edited; absent to add one. */
  editing?: HostProfile;
  onDone(): void;
}

/** Tags as typed: words separated by commas or spaces, each once. */
const tagsOf = (text: string): string[] => [...new Set(text.split(/[\s,]+/).filter(Boolean))];

/**
 * Address, port, user, key file and jump hosts: everything a key-based SSH login needs, nothing
 * secret. An empty key file means the ssh-agent's keys only.
 */
export function AddHostForm({ editing, onDone }: Props) {
  const [host, setHost] = useState(editing?.host ?? '');
  const [port, setPort] = useState(String(editing?.port ?? 22));
  const [user, setUser] = useState(editing?.user ?? '');
  const [keyPath, setKeyPath] = useState(editing ? (editing.keyPath ?? '') : '~/.ssh/id_ed25519');
  const [label, setLabel] = useState(editing?.label ?? '');
  const [group, setGroup] = useState(editing?.group ?? '');
  const [tags, setTags] = useState((editing?.tags ?? []).join(' '));
  // Hops given by address (from an import) are kept as they are; the picker edits saved hosts.
  const addressHops = (editing?.jump ?? []).filter((hop) => !('hostId' in hop));
  const [jump, setJump] = useState<string[]>(
    (editing?.jump ?? []).flatMap((hop) => ('hostId' in hop ? [hop.hostId] : [])),
  );
  const [keyOptions, setKeyOptions] = useState(() => keyOptionsOf(editing));
  const [authMethods, setAuthMethods] = useState(editing?.authMethods);
  const [busy, setBusy] = useState(false);
  const hosts = useAppStore((s) => s.hosts);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    // Editing keeps what the form does not show (the alias it was imported from).
    const {
      keyPath: _key,
      jump: _jump,
      group: _group,
      tags: _tags,
      authMethods: _auth,
      ...kept
    } = editing ?? {};
    const hops = [...jump.map((hostId) => ({ hostId })), ...addressHops];
    const saved = await actions.saveHost({
      ...withoutKeyFields(kept),
      ...keyFieldsOf(keyOptions),
      host: host.trim(),
      port: Number(port),
      user: user.trim(),
      ...(keyPath.trim() ? { keyPath: keyPath.trim() } : {}),
      label: label.trim(),
      ...(group.trim() ? { group: group.trim() } : {}),
      ...(tagsOf(tags).length > 0 ? { tags: tagsOf(tags) } : {}),
      ...(hops.length > 0 ? { jump: hops } : {}),
      ...(authMethods ? { authMethods } : {}),
    });
    setBusy(false);
    if (saved) onDone();
  };

  return (
    <form
      className="add-host"
      onSubmit={submit}
      aria-label={editing ? `Edit ${editing.label}` : 'Add host'}
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
      <AuthMethodPicker value={authMethods} onChange={setAuthMethods} />
      <label>
        Label <span className="quiet">(optional)</span>
        <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="api-1 prod" />
      </label>
      <div className="row">
        <label>
          Group <span className="quiet">(optional)</span>
          <input value={group} onChange={(e) => setGroup(e.target.value)} placeholder="payments" />
        </label>
        <label>
          Tags <span className="quiet">(prod: red tabs)</span>
          <input
            value={tags}
            onChange={(e) => setTags(e.target.value)}
            placeholder="prod eu-west"
            spellCheck={false}
          />
        </label>
      </div>
      <KeyOptionsFields value={keyOptions} onChange={setKeyOptions} />
      <JumpPicker
        hosts={hosts.filter((h) => h.id !== editing?.id)}
        value={jump}
        onChange={setJump}
      />
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
