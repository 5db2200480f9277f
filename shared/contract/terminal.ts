import { z } from 'zod';
import { CaptureParams } from '../captures/recipes';
import { ConnectionId } from './ssh';

export const TerminalId = z.string().regex(/^t_[a-z0-9]{6,32}$/);
export type TerminalId = z.infer<typeof TerminalId>;

export const TerminalSize = z.object({
  cols: z.number().int().min(2).max(1000),
  rows: z.number().int().min(1).max(500),
});

/**
 * Flow control of a terminal byte stream. The Node side counts bytes sent but not yet
 * acknowledged by the renderer (which acks after xterm.js has parsed them); past the high
 * watermark it stops reading the SSH channel, so SSH's own window slows the remote program.
 */
export const FlowControl = {
  /** Enough to keep xterm.js busy between acks (it parses ~20 MB/s) without buffering seconds of output. */
  HIGH_WATERMARK_BYTES: 1024 * 1024,
  /** Resume once the renderer has caught up to here; the gap avoids pause/resume flapping. */
  LOW_WATERMARK_BYTES: 256 * 1024,
  /** The renderer acks in batches of at least this many bytes to keep control traffic small. */
  ACK_BATCH_BYTES: 32 * 1024,
} as const;

/**
 * Input is sent in pieces of at most this many UTF-16 units: a 10 MiB paste is ~160 messages,
 * each far below the socket's message limit even when JSON escapes every character (×6).
 */
export const INPUT_CHUNK_CHARS = 64 * 1024;

/** Cuts input into pieces of at most INPUT_CHUNK_CHARS, never inside a surrogate pair. */
export function splitInput(data: string): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < data.length;) {
    let end = Math.min(start + INPUT_CHUNK_CHARS, data.length);
    const last = data.charCodeAt(end - 1);
    if (end < data.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    pieces.push(data.slice(start, end));
    start = end;
  }
  return pieces;
}

/** Messages from the renderer on a terminal's byte channel (data from the Node side is raw bytes). */
export const TerminalClientMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('input'), data: z.string().max(INPUT_CHUNK_CHARS) }),
  z.object({
    t: z.literal('ack'),
    bytes: z
      .number()
      .int()
      .min(0)
      .max(1 << 30),
  }),
]);
export type TerminalClientMessage = z.infer<typeof TerminalClientMessage>;

/**
 * The one non-byte message from the Node side on a terminal's byte channel: the program ended and
 * every byte of its output came before this. (The exit event travels apart, on the event channel,
 * and can overtake the last bytes; parsers are ended by this marker instead.)
 */
export const TERMINAL_END = { t: 'end' } as const;
export const isTerminalEnd = (message: unknown): boolean =>
  typeof message === 'object' &&
  message !== null &&
  (message as { t?: unknown }).t === TERMINAL_END.t;

/**
 * A line of the workbench's own on a terminal's byte channel, in order with the output (the
 * connection dropped or came back, a capture restarted): drawn on the screen, never parsed.
 */
export const TerminalNote = z.object({ t: z.literal('note'), text: z.string().max(4096) });
export type TerminalNote = z.infer<typeof TerminalNote>;
/** The note's text, or null for any other message. */
export const terminalNoteText = (message: unknown): string | null => {
  const note = TerminalNote.safeParse(message);
  return note.success ? note.data.text : null;
};

export const TerminalInfo = z.object({
  terminalId: TerminalId,
  connectionId: ConnectionId,
  title: z.string(),
  /** The exact remote command, shown to the user; absent for a login shell. */
  command: z.string().optional(),
  /** The capture log on disk (asciicast v2): every byte of output, with times. */
  logPath: z.string().optional(),
  /** Why there is no capture log. */
  logError: z.string().optional(),
});
export type TerminalInfo = z.infer<typeof TerminalInfo>;

/** A terminal that outlived its page (a reload, a renderer crash), as the next page takes it over. */
export const LiveTerminal = TerminalInfo.extend({
  /** When it opened (ms since epoch): a time-boxed capture's progress goes on from there. */
  startedAt: z.number().int().min(0),
  /** Present when it runs a capture: the view to rebuild. */
  capture: CaptureParams.optional(),
  /** Output that no longer fits in the kept scrollback (it is in the capture log). */
  droppedBytes: z.number().int().min(0),
  /** Present when it has ended (by itself): the tab comes back ended, what it printed kept. */
  exit: z
    .object({
      exitCode: z.number().int().nullable(),
      signal: z.string().nullable(),
      reason: z.string().optional(),
    })
    .optional(),
});
export type LiveTerminal = z.infer<typeof LiveTerminal>;

export const terminalRequests = {
  /**
   * The terminals whose page is gone, taken over by the asking page: their streams replay the
   * kept scrollback, so the terminals redraw and their captures' views are rebuilt.
   */
  'terminal.reattach': { input: z.object({}), output: z.array(LiveTerminal) },
  'terminal.openShell': {
    input: TerminalSize.extend({ connectionId: ConnectionId }),
    output: TerminalInfo,
  },
  'terminal.resize': {
    input: TerminalSize.extend({ terminalId: TerminalId }),
    output: z.object({ resized: z.boolean() }),
  },
  'terminal.close': {
    input: z.object({ terminalId: TerminalId }),
    output: z.object({ closed: z.boolean() }),
  },
  /** Runs an interrupted capture's command again, on its connection now, into the same tab. */
  'terminal.restart': {
    input: z.object({ terminalId: TerminalId }),
    output: z.object({ restarted: z.boolean() }),
  },
} as const;

/**
 * A terminal's link to its host: `lost` when its connection dropped (it keeps what it showed and
 * waits), `interrupted` when the connection is back but the capture it ran is not (it waits for
 * terminal.restart), `running` again once a new shell or the restarted command runs.
 */
export const TerminalLink = z.enum(['lost', 'interrupted', 'running']);
export type TerminalLink = z.infer<typeof TerminalLink>;

export const terminalEvents = {
  'terminal.onExit': z.object({
    terminalId: TerminalId,
    exitCode: z.number().int().nullable(),
    signal: z.string().nullable(),
    /** Why it ended when it was not the program's own exit (connection lost...). */
    reason: z.string().optional(),
  }),
  'terminal.onLinkChanged': z.object({
    terminalId: TerminalId,
    link: TerminalLink,
    /** The marker text the terminal shows at this point. */
    message: z.string(),
  }),
  /** The capture log stopped (disk full, folder gone): the terminal runs on, unlogged. */
  'terminal.onLogFailed': z.object({
    terminalId: TerminalId,
    message: z.string(),
  }),
} as const;
