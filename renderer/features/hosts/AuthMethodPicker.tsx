import type { AuthMethod } from '../../../shared/contract/index';

/** The choices, as OpenSSH's PreferredAuthentications values; "" = ssh's default order. */
const CHOICES: { value: string; methods?: AuthMethod[]; text: string }[] = [
  { value: '', text: "Keys, then the server's password prompts (as ssh)" },
  { value: 'publickey', methods: ['publickey'], text: 'Keys only (agent and key files)' },
  { value: 'password', methods: ['password'], text: 'Password only' },
  {
    value: 'keyboard-interactive',
    methods: ['keyboard-interactive'],
    text: 'Keyboard-interactive only (password, one-time code)',
  },
];

const valueOf = (methods: readonly AuthMethod[] | undefined): string =>
  CHOICES.find((c) => c.methods?.join(',') === methods?.join(','))?.value ?? '';

/**
 * How a host logs in. Passwords and one-time codes are never part of a profile: they are asked
 * for when the server asks, after its host key was checked.
 */
export function AuthMethodPicker({
  value,
  onChange,
}: {
  value: readonly AuthMethod[] | undefined;
  onChange(next: AuthMethod[] | undefined): void;
}) {
  return (
    <label>
      Log in with
      <select
        value={valueOf(value)}
        onChange={(e) => onChange(CHOICES.find((c) => c.value === e.target.value)?.methods)}
      >
        {CHOICES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.text}
          </option>
        ))}
      </select>
    </label>
  );
}
