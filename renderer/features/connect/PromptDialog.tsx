import type { Prompt } from '../../../shared/contract/index';
import { actions } from '../../state/actions';
import { useAppStore } from '../../state/store';
import { SecretQuestion } from './SecretQuestion';
import { SudoPasswordQuestion } from './SudoPasswordQuestion';

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
    <SecretQuestion
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
    </SecretQuestion>
  );
}

const PROMPT_TITLES: Record<Prompt['kind'], string> = {
  'host-key': 'Unknown host key',
  passphrase: 'Key passphrase',
  'sudo-password': 'sudo password',
};

/** The oldest open question from the Node side, as a modal: host key first, then passphrase. */
export function PromptDialog() {
  const prompt = useAppStore((s) => s.prompts[0]);
  if (!prompt) return null;
  const cancel = () =>
    void actions.answerPrompt(
      prompt.kind === 'host-key'
        ? { promptId: prompt.promptId, kind: 'host-key', accept: false }
        : { promptId: prompt.promptId, kind: prompt.kind, secret: null },
    );
  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-label={PROMPT_TITLES[prompt.kind]}
        onKeyDown={(e) => e.key === 'Escape' && cancel()}
      >
        {prompt.kind === 'host-key' && <HostKeyQuestion key={prompt.promptId} prompt={prompt} />}
        {prompt.kind === 'passphrase' && (
          <PassphraseQuestion key={prompt.promptId} prompt={prompt} />
        )}
        {prompt.kind === 'sudo-password' && (
          <SudoPasswordQuestion key={prompt.promptId} prompt={prompt} />
        )}
      </div>
    </div>
  );
}
