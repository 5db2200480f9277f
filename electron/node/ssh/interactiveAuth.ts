import type { AnyAuthMethod, Prompt as Ssh2Prompt } from 'ssh2';
import { MAX_PROMPT_FIELDS, MAX_PROMPT_TEXT } from '../../../shared/contract/ssh';
import { SshConnectError } from './connectErrors';
import { serverLines, serverText } from '../../../shared/util/serverText';

export type InteractiveMethod = 'password' | 'keyboard-interactive';

/** One question to the user: a password, or one keyboard-interactive round of fields. */
export interface SecretRequest {
  method: InteractiveMethod;
  title?: string;
  instructions?: string;
  fields: { text: string; echo: boolean }[];
  attempt: number;
  retryReason?: string;
  /** Offer "remember in the OS keychain" (passwords only, where a keyring exists). */
  canRemember: boolean;
}
/** null = the user cancelled. */
export type SecretAnswer = { answers: string[]; remember: boolean } | null;
type AskSecret = (request: SecretRequest) => Promise<SecretAnswer>;

/** The password remembered for this user@host in the OS keychain, if the user opted in. */
export interface PasswordMemory {
  canRemember(): Promise<boolean>;
  recall(): Promise<string | null>;
  /** Resolves with why it was not kept, or null when kept. */
  remember(password: string): Promise<string | null>;
  forget(): Promise<void>;
}

export interface InteractiveOptions {
  user: string;
  /** `user@host[:port]`, for messages. */
  where: string;
  ask: AskSecret;
  memory?: PasswordMemory;
  /** Ends the connection attempt (a cancel inside a keyboard-interactive round). */
  fail(error: SshConnectError): void;
  pauseTimer(): void;
  resumeTimer(): void;
}

/** More rounds than any real server asks for: a server looping on prompts is stopped here. */
const MAX_ATTEMPTS_PER_METHOD = 10;
const MAX_INSTRUCTION_CHARS = 400;

const REFUSED: Record<InteractiveMethod, string> = {
  password: 'The server did not accept that password. Try again.',
  'keyboard-interactive': 'The server did not accept those answers. Try again.',
};

/**
 * Password and keyboard-interactive logins: each asks the user only when the server offers the
 * method and it is its turn, asks again after a refusal for as long as the server offers the
 * method again (the server's MaxAuthTries ends it), and stops on a cancel.
 */
export class InteractiveAuth {
  private readonly attempts: Record<InteractiveMethod, number> = {
    password: 0,
    'keyboard-interactive': 0,
  };
  private retryReason: Partial<Record<InteractiveMethod, string>> = {};
  private rememberedInUse = false;
  private toRemember: string | null = null;
  /** Sentences for the connection's info (a password not kept, a remembered one dropped). */
  readonly notes: string[] = [];

  constructor(private readonly options: InteractiveOptions) {}

  /** The server refused the method last tried; the next prompt for it says so. */
  refused(method: InteractiveMethod): void {
    this.toRemember = null;
    if (method === 'password' && this.rememberedInUse) {
      this.rememberedInUse = false;
      this.retryReason.password =
        'The password remembered in the OS keychain was refused; it has been removed. Enter the current one.';
      void this.options.memory?.forget();
      return;
    }
    this.retryReason[method] = REFUSED[method];
  }

  /** Tried counts, for the final message ("password (3 tries)"). */
  tried(): string[] {
    return (Object.keys(this.attempts) as InteractiveMethod[])
      .filter((method) => this.attempts[method] > 0)
      .map(
        (method) =>
          `${method} (${this.attempts[method]} ${this.attempts[method] === 1 ? 'try' : 'tries'})`,
      );
  }

  /** The next attempt of `method`, or null when it has been tried as often as is sane. */
  async next(method: InteractiveMethod): Promise<AnyAuthMethod | null> {
    if (this.attempts[method] >= MAX_ATTEMPTS_PER_METHOD) return null;
    this.attempts[method] += 1;
    return method === 'password' ? this.password() : this.keyboardInteractive();
  }

  /** After the login succeeded: keep the password in the keychain if the user asked to. */
  async loggedIn(): Promise<void> {
    const password = this.toRemember;
    this.toRemember = null;
    if (password === null || !this.options.memory) return;
    const notKept = await this.options.memory.remember(password).catch((e: unknown) => String(e));
    if (notKept) this.notes.push(`The password was not remembered: ${notKept}`);
  }

  private async password(): Promise<AnyAuthMethod> {
    const { user: username, memory } = this.options;
    if (this.attempts.password === 1 && memory) {
      const remembered = await memory.recall().catch(() => null);
      if (remembered !== null) {
        this.rememberedInUse = true;
        return { type: 'password', username, password: remembered };
      }
    }
    const canRemember = memory ? await memory.canRemember().catch(() => false) : false;
    const answer = await this.askUser({
      method: 'password',
      fields: [{ text: 'Password:', echo: false }],
      canRemember,
    });
    const [password = ''] = answer.answers;
    this.toRemember = answer.remember && canRemember ? password : null;
    if (answer.remember && !canRemember) {
      this.notes.push('The password was not remembered: the OS keychain is not available here.');
    }
    return { type: 'password', username, password };
  }

  private keyboardInteractive(): AnyAuthMethod {
    return {
      type: 'keyboard-interactive',
      username: this.options.user,
      prompt: (name, instructions, _lang, prompts, finish) => {
        this.round(name, instructions, prompts).then(finish, (error: unknown) =>
          this.options.fail(
            error instanceof SshConnectError
              ? error
              : new SshConnectError('protocol', `${this.options.where}: ${String(error)}`),
          ),
        );
      },
    };
  }

  /** One round of the server's questions, shown together; its texts made safe to show. */
  private async round(
    name: string,
    instructions: string,
    prompts: Ssh2Prompt[],
  ): Promise<string[]> {
    if (prompts.length > MAX_PROMPT_FIELDS) {
      throw new SshConnectError(
        'protocol',
        `${this.options.where} asked ${prompts.length} questions at once; at most ${MAX_PROMPT_FIELDS} are shown. Not logged in.`,
      );
    }
    const title = serverText(name, MAX_PROMPT_TEXT);
    const shownInstructions = serverLines(instructions, MAX_INSTRUCTION_CHARS);
    const answer = await this.askUser({
      method: 'keyboard-interactive',
      ...(title.trim() ? { title } : {}),
      ...(shownInstructions ? { instructions: shownInstructions } : {}),
      fields: prompts.map((p) => ({
        text: serverText(p.prompt, MAX_PROMPT_TEXT),
        echo: p.echo === true,
      })),
      canRemember: false,
    });
    return prompts.map((_p, index) => answer.answers[index] ?? '');
  }

  private async askUser(
    request: Omit<SecretRequest, 'attempt' | 'retryReason'>,
  ): Promise<{ answers: string[]; remember: boolean }> {
    const retryReason = this.retryReason[request.method];
    delete this.retryReason[request.method];
    this.options.pauseTimer(); // the prompt waits for the user
    try {
      const answer = await this.options.ask({
        ...request,
        attempt: this.attempts[request.method],
        ...(retryReason ? { retryReason } : {}),
      });
      if (answer === null) {
        throw new SshConnectError(
          'cancelled',
          `${this.options.where}: the ${request.method === 'password' ? 'password' : 'login'} prompt was cancelled; not logged in.`,
        );
      }
      return answer;
    } finally {
      this.options.resumeTimer();
    }
  }
}
