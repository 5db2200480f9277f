/**
 * py-spy's error and status messages (stderr, or `py-spy> `-prefixed chatter), shared by the dump
 * text and JSON parsers. Reference: docs/tool-output-formats.md §1.1.6. Real
 * output of v0.4.2 (anyhow's report; the backtrace is printed even without RUST_BACKTRACE):
 *
 *   Error: Failed to get process executable name. Check that the process is running.
 *   (blank)
 *   Caused by:
 *       0: No such file or directory (os error 2)
 *       1: No such file or directory (os error 2)
 *   (blank)
 *   Stack backtrace:
 *      0: <E as anyhow::context::ext::StdError>::ext_context
 *
 * becomes one entry of `errors`: "Error: Failed to get … running. (No such file or directory
 * (os error 2))". `Permission Denied: Try running again with elevated permissions …` likewise.
 */
import { addMessage } from './dumpModel';

const ONE_LINE_ERRORS =
  /^(?:It looks like you are running in a docker container|This program requires root|Failed to (?:get stack trace|suspend|find python|merge native))/;
const WARNINGS =
  /^(?:Cannot detect GIL holding|process \d+ ended$)| behind in sampling, results may be inaccurate/;
const BACKTRACE_ENTRY = /^\d+: |^at /;

export class PySpyMessages {
  private part: 'none' | 'head' | 'causes' | 'backtrace' = 'none';
  private head = '';
  private causes: string[] = [];

  constructor(
    private readonly errors: string[],
    private readonly warnings: string[],
  ) {}

  /** An error report is open: indented lines may be part of it. */
  get open(): boolean {
    return this.part !== 'none';
  }

  /** Whether an error report is open (its text is not in `errors` yet). */
  get pending(): string | null {
    return this.part === 'none' ? null : this.text();
  }

  /**
   * Offers a non-blank line (`body` trimmed, `indent` its leading spaces). Returns true when it
   * was a message or part of one.
   */
  line(body: string, indent: number): boolean {
    if (this.part !== 'none') {
      if (this.continuation(body, indent)) return true;
      this.flush();
    }
    if (indent > 0) return false;
    const text = body.startsWith('py-spy> ') ? body.slice(8) : body;
    if (text.startsWith('Error: ') || text.startsWith('Permission Denied')) {
      this.head = text;
      this.part = 'head';
      return true;
    }
    if (ONE_LINE_ERRORS.test(text)) {
      addMessage(this.errors, text);
      return true;
    }
    if (WARNINGS.test(text)) {
      addMessage(this.warnings, text);
      return true;
    }
    return false;
  }

  /** Ends an open report (at the end of the stream). */
  flush(): void {
    if (this.part === 'none') return;
    addMessage(this.errors, this.text());
    this.part = 'none';
    this.head = '';
    this.causes = [];
  }

  private continuation(body: string, indent: number): boolean {
    if (indent === 0 && body === 'Caused by:') {
      this.part = 'causes';
      return true;
    }
    if (indent === 0 && body === 'Stack backtrace:') {
      this.part = 'backtrace';
      return true;
    }
    if (this.part === 'causes' && indent >= 2) {
      this.causes.push(body.replace(/^\d+: /, ''));
      return true;
    }
    return this.part === 'backtrace' && indent >= 2 && BACKTRACE_ENTRY.test(body);
  }

  private text(): string {
    const causes = [...new Set(this.causes)];
    return causes.length === 0 ? this.head : `${this.head} (${causes.join('; ')})`;
  }
}
