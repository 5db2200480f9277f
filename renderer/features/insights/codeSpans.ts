/**
 * Findings mark names from the host in backticks (`rename`, `sendto; rename = -1 ENOENT`): the
 * view shows them as code, not as literal backticks. Text with an odd number of backticks (one
 * inside a host's string) is shown as it is.
 */
interface TextSpan {
  text: string;
  code: boolean;
}

export function codeSpans(text: string): TextSpan[] {
  const parts = text.split('`');
  if (parts.length % 2 === 0) return [{ text, code: false }];
  return parts
    .map((part, i) => ({ text: part, code: i % 2 === 1 }))
    .filter((span) => span.text !== '');
}
