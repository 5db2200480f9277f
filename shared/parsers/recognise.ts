import type { ParserKind } from '../captures/recipes';
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

/** Structural signatures, most specific first; each looks at the first lines only. */
const SIGNATURES: { parser: ParserKind; label: string; test: (text: string) => boolean }[] = [
  {
    parser: 'pyspy-top-screen',
    label: 'py-spy top',
    test: (t) => /Total Samples \d+/.test(t) && /%Own\s+%Total/.test(t),
  },
  {
    parser: 'pyspy-dump',
    label: 'py-spy dump --json',
    test: (t) => /^\s*\[\s*\{\s*"pid":\s*\d+,\s*"thread_id":\s*\d+/m.test(t),
  },
  {
    parser: 'pyspy-dump',
    label: 'py-spy dump',
    test: (t) =>
      /^Thread (?:(0x[0-9A-Fa-f]+|\d+) )?\((active|idle)/m.test(t) || /^Process \d+: /m.test(t),
  },
  {
    parser: 'gdb-pybt',
    label: 'gdb py-bt',
    test: (t) => /^Thread \d+ \(Thread 0x[0-9a-f]+ \(LWP \d+\)/m.test(t),
  },
  {
    parser: 'top',
    label: 'top',
    test: (t) =>
      /^top - \d/m.test(t) ||
      /^\s*(PID|TID) USER\s+PR\s+NI\s+VIRT/m.test(t) ||
      /^\d+%cpu +\d+%user/m.test(t) || // Android's toybox top
      /^Mem: \d+K used/m.test(t),
  },
  {
    parser: 'strace-summary',
    label: 'strace -c',
    test: (t) => /^% time\s+seconds\s+usecs\/call/m.test(t),
  },
  {
    parser: 'strace',
    label: 'strace',
    test: (t) =>
      /^(\[pid\s+\d+\] |\d+ )?(\d\d:\d\d:\d\d(\.\d+)? |\d+\.\d+ )?[a-z_0-9]+\(.*\) += /m.test(t),
  },
  {
    parser: 'nginx-error',
    label: 'nginx error log',
    test: (t) =>
      /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[(emerg|alert|crit|error|warn|notice|info|debug)\]/m.test(
        t,
      ),
  },
  {
    parser: 'nginx-access',
    label: 'nginx access log',
    test: (t) => /^\S+ \S+ \S+ \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] "/m.test(t),
  },
  { parser: 'ss', label: 'ss', test: (t) => /^(Netid\s+)?State\s+Recv-Q\s+Send-Q/m.test(t) },
  {
    parser: 'ps',
    label: 'ps',
    test: (t) => /^\s*(USER|UID)\s+PID\s/m.test(t) || /^\s*PID\s+PPID\s/m.test(t),
  },
  {
    parser: 'collapsed',
    label: 'collapsed stacks',
    test: (t) => /^[^\s;][^\n]*;[^\n]* \d+$/m.test(t),
  },
];

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
  const found = SIGNATURES.find((s) => s.test(head));
  return found ? { parser: found.parser, label: found.label } : null;
}
