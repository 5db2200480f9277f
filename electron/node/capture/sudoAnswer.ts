import { StringDecoder } from 'node:string_decoder';
import { SudoPromptScanner, type SudoEvent } from '../../../shared/captures/sudo';
import type { PromptBroker } from '../ssh/promptBroker';
import { serverText } from '../../../shared/util/serverText';
import type { TerminalSession } from '../terminals/terminalSession';

/** Ctrl-C: sudo gives up asking when the user cancels. */
const INTERRUPT = '\u0003';

export interface SudoAsk {
  session: Pick<TerminalSession, 'onOutput' | 'sendPrivately' | 'logClosed'>;
  prompts: PromptBroker;
  /** `user@host[:port]` and the tab's title, for the question. */
  host: string;
  title: string;
  /** Told when sudo has let the command run, or when the app stopped answering, and why. */
  onSettled?(event: Exclude<SudoEvent, { type: 'prompt' }>): void;
}

/**
 * Answers the sudo prompts of a capture started with `sudoCommand` from a question in the app.
 * The password goes from the answer straight into the channel (`sendPrivately`): never to the
 * renderer, the capture log or any event, and it is not kept (a JS string cannot be wiped; the
 * app holds no reference to it after the write). Returns the unsubscribe.
 */
export function answerSudoPrompts(ask: SudoAsk): () => void {
  const scanner = new SudoPromptScanner();
  const decoder = new StringDecoder('utf8');
  const ended = new AbortController();
  const stop = (): void => {
    unsubscribe();
    ended.abort();
  };
  const handle = (event: SudoEvent): void => {
    if (event.type !== 'prompt') {
      unsubscribe();
      ask.onSettled?.(event);
      return;
    }
    void ask.prompts
      .ask(
        {
          kind: 'sudo-password',
          host: ask.host,
          title: ask.title,
          promptText: serverText(event.promptText, 200),
          attempt: event.attempt,
          ...(event.retryReason ? { retryReason: event.retryReason } : {}),
        },
        ended.signal,
      )
      .then((answer) => {
        const secret = answer.kind === 'sudo-password' ? answer.secret : null;
        // Only into the prompt sudo is still waiting on: anything printed since may mean the
        // prompt is gone, and a password typed where echo is on would be shown and logged.
        if (!scanner.waitingForAnswer) return;
        ask.session.sendPrivately(secret === null ? INTERRUPT : `${secret}\n`);
      });
  };
  const unsubscribe = ask.session.onOutput((data) => {
    for (const event of scanner.push(decoder.write(data))) handle(event);
  });
  // A terminal that ends (closed, or sudo gave up) takes its open question with it.
  void ask.session.logClosed.then(stop);
  return stop;
}
