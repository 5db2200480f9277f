import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import { useEffect, useRef, type RefObject } from 'react';
import { FlowControl } from '../../../shared/contract/index';
import { actions, workbenchClient } from '../../state/actions';
import { terminalTheme } from './terminalTheme';
import { terminalRenderer } from './rendererChoice';
import { TypedLine } from './typedLine';
import { MarkerSplit } from './markerSplit';
import { needsConfirmation, summarisePaste, type PasteSummary } from './pasteSummary';

/** Written once in place of the bulk data a capture prints for its parser only. */
const HIDDEN_NOTE =
  '\x1b[2m(what follows goes to the parsed view beside this terminal; it is not printed here)\x1b[0m\r\n';

export interface XtermHandle {
  terminal: Terminal;
  search: SearchAddon;
  fit(): void;
}

/**
 * Binds an xterm.js terminal to a terminal's byte stream. Bytes go straight from the
 * transport into `terminal.write`; they never pass through React state. Each write is
 * acknowledged once xterm.js has parsed it, which is what the Node side's flow control counts.
 */
export interface XtermStreamOptions {
  /** Every byte of output, as it arrives (parsers read it beside the screen). */
  onBytes?: ((bytes: Uint8Array) => void) | undefined;
  /** A command line the user typed and submitted. */
  onCommand?: ((line: string) => void) | undefined;
  /** The program ended: every byte has gone to `onBytes` already. */
  onEnd?: (() => void) | undefined;
  /** After this marker line, bytes go to `onBytes` only (a recording's stacks, tens of MB). */
  hideAfter?: string | undefined;
  /** A paste too long to send unasked: it is held back and handed here to confirm. */
  onPasteToConfirm?: ((text: string, summary: PasteSummary) => void) | undefined;
}

export function useXterm(
  container: RefObject<HTMLDivElement | null>,
  terminalId: string,
  { onBytes, onCommand, onEnd, hideAfter, onPasteToConfirm }: XtermStreamOptions,
): RefObject<XtermHandle | null> {
  const handle = useRef<XtermHandle | null>(null);
  const onBytesRef = useRef(onBytes);
  onBytesRef.current = onBytes;
  const onCommandRef = useRef(onCommand);
  onCommandRef.current = onCommand;
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;
  const onPasteRef = useRef(onPasteToConfirm);
  onPasteRef.current = onPasteToConfirm;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const terminal = new Terminal({
      fontFamily: '"JetBrains Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: 12,
      lineHeight: 1.1,
      scrollback: 10_000,
      cursorBlink: false,
      allowProposedApi: false,
      theme: terminalTheme,
    });
    const fitAddon = new FitAddon();
    const search = new SearchAddon();
    terminal.loadAddon(fitAddon);
    terminal.loadAddon(search);
    terminal.open(element);
    if (terminalRenderer() === 'webgl') {
      try {
        const webgl = new WebglAddon();
        webgl.onContextLoss(() => webgl.dispose());
        terminal.loadAddon(webgl);
      } catch {
        // The DOM renderer stays in place.
      }
    }
    element.dataset.renderer = terminalRenderer();

    const fit = () => {
      if (element.clientWidth > 0 && element.clientHeight > 0) fitAddon.fit();
    };
    handle.current = { terminal, search, fit };

    const stream = workbenchClient().transport.openTerminalStream(terminalId);
    let unacked = 0;
    const acked = (count: number) => {
      unacked += count;
      if (unacked >= FlowControl.ACK_BATCH_BYTES) {
        stream.ack(unacked);
        unacked = 0;
      }
    };
    const divert = hideAfter ? new MarkerSplit(hideAfter) : null;
    stream.onData((bytes) => {
      onBytesRef.current?.(bytes);
      if (!divert) {
        terminal.write(bytes, () => acked(bytes.length));
        return;
      }
      const wasPassed = divert.passed;
      const { shown, hidden } = divert.split(bytes);
      if (shown.length > 0) terminal.write(shown, () => acked(shown.length));
      if (divert.passed && !wasPassed) terminal.write(HIDDEN_NOTE);
      // Hidden bytes are consumed as soon as the parser has them (its worker reads faster
      // than SSH delivers), so flow control goes on counting them.
      if (hidden.length > 0) acked(hidden.length);
    });
    let ended = false;
    stream.onEnd(() => {
      ended = true;
      onEndRef.current?.();
    });
    // The byte stream broke (a bad frame, the server gone): say so where the output stopped.
    stream.onClosed((reason) => {
      if (!ended)
        terminal.write(
          `\r\n\x1b[31m[output stopped: the terminal's socket closed: ${reason}]\x1b[0m\r\n`,
        );
    });
    // Runs before xterm.js's own paste handler on its textarea (capture phase on an ancestor).
    const onPaste = (event: ClipboardEvent) => {
      const text = event.clipboardData?.getData('text/plain') ?? '';
      const summary = summarisePaste(text);
      if (!onPasteRef.current || !needsConfirmation(summary)) return;
      event.preventDefault();
      event.stopPropagation();
      onPasteRef.current(text, summary);
    };
    element.addEventListener('paste', onPaste, { capture: true });
    const typed = new TypedLine();
    const input = terminal.onData((data) => {
      stream.sendInput(data);
      const line = typed.input(data);
      if (line !== null && line.trim()) onCommandRef.current?.(line);
    });
    let resizeTimer: number | undefined;
    const resized = terminal.onResize(({ cols, rows }) => {
      window.clearTimeout(resizeTimer);
      resizeTimer = window.setTimeout(() => actions.resize(terminalId, cols, rows), 50);
    });
    const observer = new ResizeObserver(() => fit());
    observer.observe(element);
    fit();

    return () => {
      element.removeEventListener('paste', onPaste, { capture: true });
      observer.disconnect();
      input.dispose();
      resized.dispose();
      window.clearTimeout(resizeTimer);
      stream.close();
      terminal.dispose();
      handle.current = null;
    };
  }, [container, terminalId, hideAfter]);

  return handle;
}
