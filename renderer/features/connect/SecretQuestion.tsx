import { useState } from 'react';
import type { Prompt } from '../../../shared/contract/index';
import { actions } from '../../state/actions';
import { SubmitOrCancel } from './SubmitOrCancel';

type SecretPrompt = Extract<Prompt, { kind: 'secret' }>;

/**
 * A password, or one keyboard-interactive round: every field the server asked for, named by its
 * own text (made safe by the Node side; React shows it as text), a password field where the
 * server asked for no echo.
 */
export function SecretQuestion({ prompt }: { prompt: SecretPrompt }) {
  const [answers, setAnswers] = useState<string[]>(() => prompt.fields.map(() => ''));
  const [remember, setRemember] = useState(false);
  const answer = (value: string[] | null) =>
    void actions.answerPrompt({
      promptId: prompt.promptId,
      kind: 'secret',
      answers: value,
      ...(value && remember ? { remember: true } : {}),
    });
  const heading = prompt.method === 'password' ? 'Password' : 'Login';
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        answer(answers);
      }}
    >
      <h2>{heading}</h2>
      <p>
        <b className="mono">{prompt.where}</b>
        {prompt.hop && <span className="quiet"> ({prompt.hop})</span>} asks:
      </p>
      {prompt.title && <p className="mono">{prompt.title}</p>}
      {prompt.instructions && (
        <p className="mono" style={{ whiteSpace: 'pre-line' }}>
          {prompt.instructions}
        </p>
      )}
      {prompt.retryReason && (
        <p className="error" role="alert">
          {prompt.retryReason} (attempt {prompt.attempt})
        </p>
      )}
      {prompt.fields.map((field, index) => (
        <label key={index} className="field">
          <span className="mono">{field.text}</span>
          <input
            type={field.echo ? 'text' : 'password'}
            autoFocus={index === 0}
            aria-label={field.text}
            value={answers[index] ?? ''}
            onChange={(e) =>
              setAnswers((old) => old.map((v, i) => (i === index ? e.target.value : v)))
            }
            autoComplete="off"
          />
        </label>
      ))}
      {prompt.canRemember && (
        <label>
          <input
            type="checkbox"
            checked={remember}
            onChange={(e) => setRemember(e.target.checked)}
          />{' '}
          Remember in the OS keychain
        </label>
      )}
      <p className="quiet">
        {prompt.canRemember && remember
          ? 'Kept encrypted by the OS keychain after a successful login.'
          : 'Used for this connection attempt only and never stored.'}
      </p>
      <SubmitOrCancel label="Log in" onCancel={() => answer(null)} />
    </form>
  );
}
