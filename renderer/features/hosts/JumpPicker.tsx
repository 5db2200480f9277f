import type { HostProfile } from '../../../shared/contract/index';

interface Props {
  /** Saved hosts a hop can be. */
  hosts: HostProfile[];
  /** Host ids, nearest hop first (ProxyJump order). */
  value: string[];
  onChange(next: string[]): void;
}

/** The jump chain of a host: saved hosts in order, each connected with its own key and host key. */
export function JumpPicker({ hosts, value, onChange }: Props) {
  const first = hosts[0];
  if (!first) return null;
  const replace = (index: number, id: string) =>
    onChange(value.map((current, i) => (i === index ? id : current)));
  return (
    <fieldset className="jump-picker">
      <legend>
        Jump hosts <span className="quiet">(ProxyJump, nearest first)</span>
      </legend>
      {value.map((id, index) => (
        <div className="row" key={index}>
          <select
            aria-label={`Jump host ${index + 1}`}
            value={id}
            onChange={(e) => replace(index, e.target.value)}
          >
            {hosts.map((host) => (
              <option key={host.id} value={host.id}>
                {host.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="link"
            aria-label={`Remove jump host ${index + 1}`}
            onClick={() => onChange(value.filter((_, i) => i !== index))}
          >
            remove
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...value, first.id])}>
        + Jump host
      </button>
    </fieldset>
  );
}
