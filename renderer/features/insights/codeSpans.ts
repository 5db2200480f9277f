/**
 * Findings mark names from the host in backticks (`rename`, `sendto; rename = -1 ENOENT`): the
 * view shows them as code, not as literal backticks. Text with an odd number of backticks (one
 * inside a host's string) is shown as it is.
 */
import { serverText } from '../../../shared/util/serverText';

/** A finding's title or statement is a sentence or two; host names inside it are clipped already. */
const MAX_FINDING_CHARS = 1000;

interface TextSpan {
  text: string;
  code: boolean;
}

/** Host names inside (a thread's, a function's) are host text: made safe as serverText does. */
export function codeSpans(raw: string): TextSpan[] {
  const text = serverText(raw, MAX_FINDING_CHARS);
  const parts = text.split('`');
  if (parts.length % 2 === 0) return [{ text, code: false }];
  return parts
    .map((part, i) => ({ text: part, code: i % 2 === 1 }))
    .filter((span) => span.text !== '');
}
