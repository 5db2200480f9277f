/** Builds diagnosis captures from recorded text, through the same parsers the workbench runs. */
import type { CaptureSet, DiagnosisCapture } from '../../../shared/diagnosis';
import { StackTree } from '../../../shared/flame/stackTree';
import { parseCollapsed } from '../../../shared/parsers/collapsed';
import { parseGdbPyBt } from '../../../shared/parsers/gdb';
import { parseAccessLogText, parseErrorLogText } from '../../../shared/parsers/nginx';
import { parsePsText } from '../../../shared/parsers/ps';
import { parsePySpyDumpText, parsePySpyTopScreen } from '../../../shared/parsers/pyspy';
import { parseSsText } from '../../../shared/parsers/ss';
import { parseStraceSummary, parseStraceText } from '../../../shared/parsers/strace';
import { parseTopText } from '../../../shared/parsers/top';

let next = 0;
const id = (kind: string): string => `${kind}-${++next}`;
const T0 = Date.UTC(2026, 11, 6, 12, 0, 0);

export function topCapture(text: string, threadsOf?: number): DiagnosisCapture {
  const { frames } = parseTopText(text);
  const frame = frames.at(-1) ?? null;
  return {
    id: id('top'),
    kind: 'top',
    startedAt: T0,
    model: { frame, framesSeen: frames.length, history: {}, provisional: false },
    ...(threadsOf !== undefined ? { threadsOf } : {}),
  };
}

/** `py-spy dump` text; repeated dumps `everySeconds` apart (null: their times are unknown). */
export function dumpCapture(text: string, everySeconds: number | null = 1): DiagnosisCapture {
  return {
    id: id('dump'),
    kind: 'pyspy-dump',
    startedAt: T0 + 1000,
    model: parsePySpyDumpText(text).model,
    everySeconds,
  };
}

export function gdbCapture(text: string): DiagnosisCapture {
  return { id: id('gdb'), kind: 'gdb-pybt', startedAt: T0 + 2000, model: parseGdbPyBt(text).model };
}

/** py-spy top's screen: the lines up to its footer (a paste may go on with a shell prompt). */
export function pyspyTopCapture(text: string): DiagnosisCapture {
  const lines = text.split('\n');
  const end = lines.findIndex((l) => l.startsWith('Press Control-C'));
  const screen = (end >= 0 ? lines.slice(0, end + 1) : lines).map((l) => l.trimEnd());
  return {
    id: id('pyspy-top'),
    kind: 'pyspy-top-screen',
    startedAt: T0,
    model: parsePySpyTopScreen(screen).model,
  };
}

export function straceCapture(text: string): DiagnosisCapture {
  return { id: id('strace'), kind: 'strace', startedAt: T0, model: parseStraceText(text) };
}

/** `strace -c` output; `tracedSeconds`: how long it ran (the recipe's seconds), when known. */
export function straceSummaryCapture(text: string, tracedSeconds?: number): DiagnosisCapture {
  return {
    id: id('strace-c'),
    kind: 'strace-summary',
    startedAt: T0,
    model: parseStraceSummary(text),
    ...(tracedSeconds !== undefined ? { tracedSeconds } : {}),
  };
}

export function ssCapture(text: string): DiagnosisCapture {
  return { id: id('ss'), kind: 'ss', startedAt: T0, model: parseSsText(text) };
}

export function psCapture(text: string): DiagnosisCapture {
  return { id: id('ps'), kind: 'ps', startedAt: T0, model: parsePsText(text) };
}

export function accessLogCapture(text: string, format?: string): DiagnosisCapture {
  return {
    id: id('access'),
    kind: 'nginx-access',
    startedAt: T0,
    model: parseAccessLogText(text, format !== undefined ? { format } : {}),
  };
}

export function errorLogCapture(text: string): DiagnosisCapture {
  return { id: id('error'), kind: 'nginx-error', startedAt: T0, model: parseErrorLogText(text) };
}

export const setOf = (
  pid: number,
  captures: DiagnosisCapture[],
  cpuCount?: number,
): CaptureSet => ({
  host: 'lab',
  pid,
  captures,
  ...(cpuCount !== undefined ? { cpuCount } : {}),
});

/** `py-spy record --format raw` (collapsed stacks), its tree built as the flame view builds it. */
export function recordCapture(text: string, gilOnly = false): DiagnosisCapture {
  const tree = StackTree.fromSamples(parseCollapsed(text).samples);
  return {
    id: id('record'),
    kind: 'collapsed',
    startedAt: T0,
    gilOnly,
    model: {
      progress: { phase: 'built', chars: text.length, lines: 0 },
      tree,
      stacks: 0,
    },
  };
}
