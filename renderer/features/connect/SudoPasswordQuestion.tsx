import type { Prompt } from '../../../shared/contract/index';
import { actions } from '../../state/actions';
import { SingleSecretForm } from './SingleSecretForm';

/** sudo's password for a capture that runs as root: sent to sudo once, kept nowhere. */
export function SudoPasswordQuestion({
  prompt,
}: {
  prompt: Extract<Prompt, { kind: 'sudo-password' }>;
}) {
  return (
    <SingleSecretForm
      heading="sudo password"
      attempt={prompt.attempt}
      {...(prompt.retryReason ? { retryReason: prompt.retryReason } : {})}
      label="sudo password"
      submitLabel="Run as root"
      onAnswer={(secret) =>
        void actions.answerPrompt({ promptId: prompt.promptId, kind: 'sudo-password', secret })
      }
    >
      <p>
        The capture <b>{prompt.title}</b> on <span className="mono">{prompt.host}</span> runs
        through sudo, which asks:
      </p>
      <p className="mono" aria-label="sudo prompt">
        {prompt.promptText}
      </p>
      <p className="quiet">
        The password goes to sudo alone: it is not shown in the terminal, not written to the capture
        log, and not kept.
      </p>
    </SingleSecretForm>
  );
}
