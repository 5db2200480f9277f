/**
 * Lines strace writes about itself: `strace: Process 123 attached with 9 threads`,
 * `strace: attach: ptrace(PTRACE_SEIZE, 1): Operation not permitted`. strace prints its argv[0],
 * so strace 7.2 run by path says `/tmp/strace-git/src/strace: …`. On stderr a "Process N
 * attached/detached" message can land inside a call line (`wait4(-1, strace: Process 9718 detached`).
 */
import type { StraceMessageEvent } from './straceModel';

const MESSAGE_TAIL = /^(?:\S*\/)?strace: Process \d+ (?:attached(?: with \d+ threads)?|detached)$/;

/** `strace: …` (any program path before it, as strace prints argv[0]); null if not a message. */
export function parseStraceMessage(s: string): StraceMessageEvent | null {
  const k = s.indexOf('strace: ');
  if (k < 0 || (k > 0 && (s.charCodeAt(k - 1) !== 47 || s.lastIndexOf(' ', k) >= 0))) return null;
  const text = s.slice(k + 8).trim();
  let m = /^Process (\d+) attached(?: with (\d+) threads)?/.exec(text);
  if (m) {
    const ev: StraceMessageEvent = { kind: 'attach', pid: Number(m[1]), text };
    if (m[2] !== undefined) ev.threads = Number(m[2]);
    return ev;
  }
  m = /^Process (\d+) detached/.exec(text);
  if (m) return { kind: 'detach', pid: Number(m[1]), text };
  const ev: StraceMessageEvent = { kind: 'message', pid: null, text };
  m = /^attach: ptrace\(\w+, (\d+)\): (.+)$/.exec(text);
  if (m) {
    ev.pid = Number(m[1]);
    ev.error = m[2];
    return ev;
  }
  m = /\b(?:[Pp]rocess|pid) (\d+)/.exec(text);
  if (m) ev.pid = Number(m[1]);
  const colon = text.lastIndexOf(': ');
  if (colon >= 0 && /^[A-Z][a-z]+(?: [a-zA-Z]+)*$/.test(text.slice(colon + 2))) {
    ev.error = text.slice(colon + 2);
  }
  return ev;
}

/**
 * Where a "Process N attached/detached" message that strace wrote into the middle of a call line
 * begins (on stderr it does not end the line it interrupts), or -1.
 */
export function embeddedMessageAt(s: string): number {
  const k = s.lastIndexOf('strace: Process ');
  if (k <= 0) return -1;
  let start = k;
  while (start > 0 && s.charCodeAt(start - 1) !== 32) start--;
  const slash = s.indexOf('/', start);
  start = slash >= 0 && slash < k ? slash : k;
  if (start === 0 || !MESSAGE_TAIL.test(s.slice(start))) return -1;
  return start;
}
