/**
 * Which tool a terminal recording (the capture log's `.cast`, or asciinema's) recorded: the
 * command in its header; else, for a shell, the first incident tool typed at its prompt (read from
 * the echoed line, as a live shell tab reads the typed one); else the output's own structure.
 */
import { RECORD_DATA_MARKER } from '../captures/recipes';
import { textToBytes } from '../captureLog/bytesText';
import { readCastEvent, readCastHeader, type CastSummary } from '../captureLog/castOutput';
import { cleanLine } from './lineSplitter';
import { recogniseCommand, recogniseOutput, redrawsScreen, type Recognised } from './recognise';

export interface RecordedTool extends Recognised {
  /** Its screen is what gets parsed (interactive `top`). */
  screen: boolean;
  /** A `py-spy record` capture: the stacks follow the workbench's marker line. */
  gated: boolean;
  /** Output bytes before the tool's own: the shell's prompts and the typed command line. */
  skipBytes: number;
}

export interface RecognisedCast {
  header: CastSummary;
  /** Null when nothing says which tool it recorded (the user picks a parser). */
  tool: RecordedTool | null;
}

/** A shell prompt, then what was typed: `user@host:~$ top -b`, `root@h:/# py-spy top -p 1`. */
const PROMPT_THEN_COMMAND = /^[^$#%>]*[$#%>]\s+(\S.*)$/;

/** The first simple command of a line: `while X; do …`, `X | cat`, `X && echo …` give X. */
function firstCommand(command: string): string {
  const start = command.replace(/^\s*(?:while|until|exec)\s+/, '');
  return start.split(/;|&&|\|\||\|/)[0] ?? '';
}

/** The tool a command line runs, as a recording of it is parsed. */
function recordedBy(command: string, skipBytes: number): RecordedTool | null {
  const first = firstCommand(command);
  if (/(?:^|[\s/])py-spy\s+record(?:\s|$)/.test(first))
    return {
      parser: 'collapsed',
      label: 'py-spy record',
      screen: false,
      gated: command.includes(RECORD_DATA_MARKER),
      skipBytes,
    };
  const found = recogniseCommand(first);
  return found ? { ...found, screen: redrawsScreen(found, first), gated: false, skipBytes } : null;
}

/** The output events' text in the first part of a recording (the last line may be cut). */
function outputText(lines: readonly string[]): string {
  let text = '';
  for (const line of lines) {
    const event = readCastEvent(line);
    if (event?.code === 'o') text += event.data;
  }
  return text;
}

/** The first incident tool typed at a shell prompt, and the output bytes up to its line's end. */
function typedTool(output: string): RecordedTool | null {
  let bytes = 0;
  const lines = output.split('\n');
  // The last piece has no newline yet: the command may still be being typed.
  for (const line of lines.slice(0, -1)) {
    bytes += textToBytes(line).length + 1;
    const typed = PROMPT_THEN_COMMAND.exec(cleanLine(line).trim())?.[1];
    const tool = typed ? recordedBy(typed, bytes) : null;
    if (tool) return tool;
  }
  return null;
}

/** Null when the text is not a recording; otherwise its header and the tool it recorded. */
export function recogniseCast(text: string): RecognisedCast | null {
  const head = text.slice(0, 64 * 1024);
  const lines = head.split('\n');
  const header = readCastHeader(lines[0] ?? '');
  if (!header) return null;
  const output = outputText(lines.slice(1));
  const byOutput = (): RecordedTool | null => {
    const found = recogniseOutput(output);
    return found ? { ...found, screen: false, gated: false, skipBytes: 0 } : null;
  };
  const tool =
    (header.command !== undefined ? recordedBy(header.command, 0) : null) ??
    typedTool(output) ??
    byOutput();
  return { header, tool };
}
