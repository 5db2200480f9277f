import { shellCommand } from '../util/shellQuote';

/**
 * A capture run as root through `sudo -S`, and the reading of its terminal until sudo has let
 * it run. The password prompt must be recognised so that it can be answered from the app, and
 * must not be fakeable: a password typed into a prompt that sudo did not print would be echoed
 * by the terminal, into the screen and the capture log. So:
 *
 * - The prompt carries a marker of 128 random bits made on the host for this run (`od` of
 *   `/dev/urandom`). It reaches sudo through `SUDO_PROMPT`, not `-p`: an environment is private
 *   to its user, while argv is in every user's process list. The shell prints the marker on a
 *   line of its own before sudo starts; only the first such line counts, and a second one (some
 *   other writer on this terminal) stops the app from answering at all.
 * - A prompt counts only as the whole unfinished last line: sudo then waits for input, with echo
 *   already off (it turns echo off before it writes its prompt).
 * - Reading stops at the line the root shell prints once sudo has let it run, before the
 *   capture's program starts: nothing the program prints is ever read as a prompt.
 *
 * Not covered: a sudo whose PAM asks something other than a password (an OTP) keeps its own
 * prompt; it shows in the terminal, unanswered by the app, and can be answered there.
 */

const SUDO_STARTED = 'workbench-sudo: running as uid';
const MARKER_LINE = /^workbench-sudo ([0-9a-f]{32})$/;
const STARTED_LINE = /^workbench-sudo: running as uid (\d{1,10})$/;
/** The most of an unfinished line kept: a prompt is short, a flood is not. */
const MAX_PENDING_CHARS = 4096;

/** `command` (a capture's, already quoted) run as root through sudo, reading the password from the terminal. */
export function sudoCommand(command: string): string {
  const root = `echo "${SUDO_STARTED} $(id -u)"; exec sh -c "$0"`;
  return [
    `m=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \\n')`,
    `[ \${#m} -eq 32 ] || { echo 'workbench: cannot make the sudo prompt marker (od, /dev/urandom)'; exit 1; }`,
    `echo "workbench-sudo $m"`,
    `SUDO_PROMPT="[sudo] password for %p (workbench $m): " exec sudo -S -- ${shellCommand(['sh', '-c', root, command])}`,
  ].join('; ');
}

export type SudoEvent =
  | { type: 'prompt'; promptText: string; attempt: number; retryReason?: string }
  /** sudo let the command run; `uid` is who it runs as. */
  | { type: 'started'; uid: number }
  /** The prompt cannot be trusted any more: not answered from the app. */
  | { type: 'refused'; reason: string };

/** Reads a sudo capture's output until sudo has let the command run (see the file comment). */
export class SudoPromptScanner {
  private pending = '';
  private marker: string | null = null;
  private done = false;
  private prompts = 0;
  /** The prompt last reported, until its line ends. */
  private openPrompt: string | null = null;
  private lastRefusal: string | undefined;

  /** Text of the terminal, decoded, in order; returns what it means. */
  push(text: string): SudoEvent[] {
    if (this.done) return [];
    const events: SudoEvent[] = [];
    this.pending += text;
    for (let end = this.pending.indexOf('\n'); end >= 0; end = this.pending.indexOf('\n')) {
      const line = this.pending.slice(0, end).replace(/\r$/, '');
      this.pending = this.pending.slice(end + 1);
      this.openPrompt = null;
      const event = this.line(line);
      if (event) events.push(event);
      if (this.done) return events;
    }
    if (this.pending.length > MAX_PENDING_CHARS)
      this.pending = this.pending.slice(-MAX_PENDING_CHARS);
    if (this.openPrompt === null && this.isPrompt(this.pending)) {
      this.openPrompt = this.pending;
      this.prompts += 1;
      events.push({
        type: 'prompt',
        promptText: this.pending,
        attempt: this.prompts,
        ...(this.lastRefusal ? { retryReason: this.lastRefusal } : {}),
      });
    }
    return events;
  }

  /** True while the prompt last reported is still, exactly, the end of the output: sudo waits for it. */
  get waitingForAnswer(): boolean {
    return !this.done && this.openPrompt !== null && this.pending === this.openPrompt;
  }

  private isPrompt(line: string): boolean {
    if (!this.marker) return false;
    const prompt = new RegExp(
      `^\\[sudo\\] password for [^\\r\\n]{1,64} \\(workbench ${this.marker}\\): $`,
    );
    return prompt.test(line);
  }

  private line(line: string): SudoEvent | null {
    const marker = MARKER_LINE.exec(line)?.[1];
    if (marker) {
      if (this.marker === null) {
        this.marker = marker;
        return null;
      }
      this.done = true;
      return {
        type: 'refused',
        reason:
          'Something else writes to this terminal (a second sudo marker line): the password prompt is not answered from the app.',
      };
    }
    if (this.marker === null) return null;
    const started = STARTED_LINE.exec(line)?.[1];
    if (started) {
      this.done = true;
      return { type: 'started', uid: Number(started) };
    }
    if (/Sorry, try again\./.test(line))
      this.lastRefusal = 'sudo refused the password: Sorry, try again.';
    return null;
  }
}
