import { CAPTURE_KINDS, PARSER_KINDS, type ParserKind } from '../captures/captureKinds';
import { cleanLine } from './lineSplitter';

/**
 * Which parser reads a tool's output: first by the command the engineer typed (the name), then
 * by the output's own structure (for a paste). Speedscope's importer picks the same way.
 */
export interface Recognised {
  parser: ParserKind;
  /** A short label for the UI: "strace", "top -H", … */
  label: string;
  /** The process the command names, when it names one. */
  pid?: number;
}

const PID_FLAG = /(?:^|\s)(?:-p|--pid)[ =]?(\d+)/;

/** Shell words of a typed line, with `sudo`, `env`, `VAR=x`, `timeout N` and a path prefix dropped. */
function commandWords(line: string): string[] {
  const words = line.trim().split(/\s+/).filter(Boolean);
  while (words.length > 0) {
    const first = words[0] ?? '';
    if (
      first === 'sudo' ||
      first === 'env' ||
      first === 'exec' ||
      first === 'nice' ||
      /^[A-Z_][A-Z0-9_]*=/.test(first)
    )
      words.shift();
    else if (first === 'timeout') words.splice(0, words[1]?.startsWith('-') ? 4 : 2);
    else break;
  }
  if (words[0]) words[0] = words[0].replace(/^.*\//, '');
  return words;
}

/** Interactive `top` redraws its screen, which is what gets parsed; `top -b` prints frames. */
export const redrawsScreen = (found: Recognised, line: string): boolean =>
  found.parser === 'top' && !/\s-\w*b/.test(` ${line}`);

export function recogniseCommand(line: string): Recognised | null {
  const words = commandWords(line);
  const tool = words[0];
  const rest = ` ${words.slice(1).join(' ')}`;
  const pidMatch = PID_FLAG.exec(rest);
  const pid = pidMatch ? Number(pidMatch[1]) : undefined;
  const withPid = (r: Recognised): Recognised => (pid ? { ...r, pid } : r);
  switch (tool) {
    case 'top':
      return withPid({ parser: 'top', label: / -\w*H/.test(rest) ? 'top -H' : 'top' });
    case 'py-spy': {
      const sub = words[1] ?? '';
      if (sub.startsWith('d')) return withPid({ parser: 'pyspy-dump', label: 'py-spy dump' });
      if (sub.startsWith('t')) return withPid({ parser: 'pyspy-top-screen', label: 'py-spy top' });
      return null;
    }
    case 'strace':
      return withPid({
        parser: / -\w*[cC]\b/.test(rest) ? 'strace-summary' : 'strace',
        label: 'strace',
      });
    case 'gdb':
      return /py-bt/.test(rest) ? withPid({ parser: 'gdb-pybt', label: 'gdb py-bt' }) : null;
    case 'ps':
      return { parser: 'ps', label: 'ps' };
    case 'ss':
      return { parser: 'ss', label: 'ss' };
    case 'tail':
    case 'cat':
    case 'less':
      if (/error\.log/.test(rest)) return { parser: 'nginx-error', label: 'nginx error log' };
      if (/access\.log/.test(rest)) return { parser: 'nginx-access', label: 'nginx access log' };
      return null;
    default:
      return null;
  }
}

/**
 * Picks a parser for pasted output, by its structure; null when nothing fits. Text saved from a
 * terminal (`script`, a recording) is read as the screen showed it: colours and cursor moves out.
 */
export function recogniseOutput(text: string): Recognised | null {
  const head = text
    .slice(0, 64 * 1024)
    .split('\n')
    .map(cleanLine)
    .join('\n');
  for (const parser of PARSER_KINDS) {
    const found = CAPTURE_KINDS[parser].signatures.find((s) => s.test(head));
    if (found) return { parser, label: found.label };
  }
  return null;
}
