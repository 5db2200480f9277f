import type { z } from 'zod';
import type { Prompt, PromptAnswer } from '../../../shared/contract/index';
import { newId } from '../util/ids';

type PromptRequest = Prompt extends infer P
  ? P extends Prompt
    ? Omit<P, 'promptId'>
    : never
  : never;
/** An answer as the renderer sends it, without its prompt id. */
export type Answer =
  z.infer<typeof PromptAnswer> extends infer A
    ? A extends z.infer<typeof PromptAnswer>
      ? Omit<A, 'promptId'>
      : never
    : never;

/** What an unanswered prompt counts as: "no", "cancel". */
function refusal(kind: Prompt['kind']): Answer {
  switch (kind) {
    case 'host-key':
      return { kind, accept: false };
    case 'secret':
      return { kind, answers: null };
    case 'passphrase':
    case 'sudo-password':
      return { kind, secret: null };
  }
}

interface Pending {
  kind: Prompt['kind'];
  resolve(answer: Answer): void;
  timer: NodeJS.Timeout;
}

/** A prompt left unanswered this long is withdrawn and counts as "no". */
const PROMPT_TIMEOUT_MS = 5 * 60_000;

/** Asks the user something through the renderer and waits for the answer, with a time limit. */
export class PromptBroker {
  private pending = new Map<string, Pending>();

  constructor(
    private readonly show: (prompt: Prompt) => void,
    private readonly withdraw: (promptId: string) => void,
  ) {}

  /** `cancel`: withdraws the question when it no longer matters (its terminal ended). */
  ask(request: PromptRequest, cancel?: AbortSignal): Promise<Answer> {
    const promptId = newId('p');
    return new Promise<Answer>((resolve) => {
      const refuse = refusal(request.kind);
      const giveUp = () => {
        if (!this.pending.delete(promptId)) return;
        clearTimeout(timer);
        this.withdraw(promptId);
        resolve(refuse);
      };
      const timer = setTimeout(giveUp, PROMPT_TIMEOUT_MS);
      this.pending.set(promptId, { kind: request.kind, resolve, timer });
      cancel?.addEventListener('abort', giveUp, { once: true });
      this.show({ ...request, promptId } as Prompt);
    });
  }

  answer(promptId: string, answer: Answer): boolean {
    const pending = this.pending.get(promptId);
    if (!pending || pending.kind !== answer.kind) return false;
    this.pending.delete(promptId);
    clearTimeout(pending.timer);
    pending.resolve(answer);
    return true;
  }
}
