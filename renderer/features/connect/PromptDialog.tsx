import type { z } from 'zod';
import type { Prompt, PromptAnswer as PromptAnswerSchema } from '../../../shared/contract/index';

type PromptAnswer = z.input<typeof PromptAnswerSchema>;
import { actions } from '../../state/actions';
import { useAppStore } from '../../state/store';
import { SecretQuestion } from './SecretQuestion';
import { SingleSecretForm } from './SingleSecretForm';
import { SudoPasswordQuestion } from './SudoPasswordQuestion';

const DIALOG_LABEL: Record<Prompt['kind'], string> = {
  'host-key': 'Unknown host key',
  passphrase: 'Key passphrase',
  secret: 'Login prompt',
  'sudo-password': 'sudo password',
};

/** What closing the dialog (Escape) answers: no, or cancel. */
function cancelAnswer(prompt: Prompt): PromptAnswer {
  switch (prompt.kind) {
    case 'host-key':
      return { promptId: prompt.promptId, kind: 'host-key', accept: false };
    case 'passphrase':
      return { promptId: prompt.promptId, kind: 'passphrase', secret: null };
    case 'secret':
      return { promptId: prompt.promptId, kind: 'secret', answers: null };
    case 'sudo-password':
      return { promptId: prompt.promptId, kind: 'sudo-password', secret: null };
  }
}

function HostKeyQuestion({ prompt }: { prompt: Extract<Prompt, { kind: 'host-key' }> }) {
  const where = prompt.port === 22 ? prompt.host : `[${prompt.host}]:${prompt.port}`;
  return (
    <>
      <h2>Unknown host key</h2>
      <p>
        This is the first connection to <b className="mono">{where}</b>. It presents this{' '}
        {prompt.algorithm} key:
      </p>
      <p className="fingerprint mono" aria-label="Host key fingerprint">
        {prompt.fingerprint}
      </p>
      <p className="quiet">
        Compare it with the fingerprint the server's owner gave you (ssh-keygen -lf
        /etc/ssh/ssh_host_*_key.pub). Nothing has been sent yet.
      </p>
      {prompt.warnings?.map((warning) => (
        <p key={warning} className="error" role="alert">
          {warning}
        </p>
      ))}
      <div className="buttons">
        <button
          type="button"
          className="primary"
          onClick={() =>
            void actions.answerPrompt({ promptId: prompt.promptId, kind: 'host-key', accept: true })
          }
        >
          Trust and connect
        </button>
        <button
          type="button"
          onClick={() =>
            void actions.answerPrompt({
              promptId: prompt.promptId,
              kind: 'host-key',
              accept: false,
            })
          }
        >
          Cancel
        </button>
      </div>
    </>
  );
}

function PassphraseQuestion({ prompt }: { prompt: Extract<Prompt, { kind: 'passphrase' }> }) {
  return (
    <SingleSecretForm
      heading="Key passphrase"
      attempt={prompt.attempt}
      {...(prompt.retryReason ? { retryReason: prompt.retryReason } : {})}
      label="Passphrase"
      submitLabel="Unlock"
      onAnswer={(secret) =>
        void actions.answerPrompt({ promptId: prompt.promptId, kind: 'passphrase', secret })
      }
    >
      <p>
        The key <span className="mono">{prompt.keyPath}</span> is protected by a passphrase. It is
        used for this connection only and never stored.
      </p>
    </SingleSecretForm>
  );
}

/** The oldest open question from the Node side, as a modal: host key first, then secrets. */
export function PromptDialog() {
  const prompt = useAppStore((s) => s.prompts[0]);
  if (!prompt) return null;
  const cancel = () => void actions.answerPrompt(cancelAnswer(prompt));
  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-label={DIALOG_LABEL[prompt.kind]}
        onKeyDown={(e) => e.key === 'Escape' && cancel()}
      >
        {prompt.kind === 'host-key' ? (
          <HostKeyQuestion key={prompt.promptId} prompt={prompt} />
        ) : prompt.kind === 'passphrase' ? (
          <PassphraseQuestion key={prompt.promptId} prompt={prompt} />
        ) : prompt.kind === 'sudo-password' ? (
          <SudoPasswordQuestion key={prompt.promptId} prompt={prompt} />
        ) : (
          <SecretQuestion key={prompt.promptId} prompt={prompt} />
        )}
      </div>
    </div>
  );
}
