import type { KeyOptions } from './keyOptions';

interface Props {
  value: KeyOptions;
  onChange(next: KeyOptions): void;
}

/** The ssh-agent, IdentitiesOnly, extra key files (in the order tried) and keepalive. */
export function KeyOptionsFields({ value, onChange }: Props) {
  const set = (patch: Partial<KeyOptions>) => onChange({ ...value, ...patch });
  const keys = value.extraKeyPaths;
  const setKey = (index: number, path: string) =>
    set({ extraKeyPaths: keys.map((current, i) => (i === index ? path : current)) });
  return (
    <fieldset className="key-options">
      <legend>Keys and keepalive</legend>
      <label className="inline">
        Use the ssh-agent
        <select
          value={value.agent}
          onChange={(e) => {
            const agent = e.target.value;
            if (agent === 'auto' || agent === 'yes' || agent === 'no') set({ agent });
          }}
        >
          <option value="auto">when SSH_AUTH_SOCK is set</option>
          <option value="yes">yes (must be there)</option>
          <option value="no">no</option>
        </select>
      </label>
      <label className="check" title="Of the agent's keys, offer only those of these key files">
        <input
          type="checkbox"
          checked={value.identitiesOnly}
          onChange={(e) => set({ identitiesOnly: e.target.checked })}
        />
        IdentitiesOnly
      </label>
      {keys.length > 0 && (
        <span className="quiet">Extra key files, tried in order after the first:</span>
      )}
      {keys.map((path, index) => (
        <div className="row" key={index}>
          <input
            aria-label={`Extra key file ${index + 1}`}
            value={path}
            onChange={(e) => setKey(index, e.target.value)}
            spellCheck={false}
            placeholder="~/.ssh/id_rsa"
          />
          <button
            type="button"
            className="link"
            aria-label={`Remove extra key file ${index + 1}`}
            onClick={() => set({ extraKeyPaths: keys.filter((_, i) => i !== index) })}
          >
            remove
          </button>
        </div>
      ))}
      <button
        type="button"
        title="Another key file, tried after the private key file and those above"
        onClick={() => set({ extraKeyPaths: [...keys, ''] })}
      >
        + Key file
      </button>
      <div className="row">
        <label>
          Keepalive every (s)
          <input
            type="number"
            min={1}
            max={3600}
            value={value.interval}
            onChange={(e) => set({ interval: e.target.value })}
            placeholder="15"
          />
        </label>
        <label>
          Unanswered probes
          <input
            type="number"
            min={1}
            max={100}
            value={value.count}
            onChange={(e) => set({ count: e.target.value })}
            placeholder="4"
          />
        </label>
      </div>
    </fieldset>
  );
}
