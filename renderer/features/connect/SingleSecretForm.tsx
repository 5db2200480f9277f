import { useState, type ReactNode } from 'react';
import { SubmitOrCancel } from './SubmitOrCancel';

interface Props {
  heading: string;
  /** What asks and why: shown above the field. */
  children: ReactNode;
  attempt: number;
  retryReason?: string;
  /** The field's accessible name. */
  label: string;
  submitLabel: string;
  /** The secret, or null when the user cancels. */
  onAnswer(secret: string | null): void;
}

/** A question whose answer is one secret (a passphrase, sudo's password): a password field, the retry reason, submit and cancel. */
export function SingleSecretForm(props: Props) {
  const [secret, setSecret] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        props.onAnswer(secret);
      }}
    >
      <h2>{props.heading}</h2>
      {props.children}
      {props.retryReason && (
        <p className="error" role="alert">
          {props.retryReason} (attempt {props.attempt})
        </p>
      )}
      <input
        type="password"
        autoFocus
        aria-label={props.label}
        value={secret}
        onChange={(e) => setSecret(e.target.value)}
        autoComplete="off"
      />
      <SubmitOrCancel label={props.submitLabel} onCancel={() => props.onAnswer(null)} />
    </form>
  );
}
