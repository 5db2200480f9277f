import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import { useEffect, useRef, type RefObject } from 'react';
import { feedOf } from '../../captures/terminalFeeds';
import { registerSelection } from '../../captures/terminalSelections';
import { actions } from '../../state/actions';
import { terminalTheme } from './terminalTheme';
import { terminalRenderer } from './rendererChoice';
import { TypedLine } from './typedLine';
import { needsConfirmation, summarisePaste, type PasteSummary } from './pasteSummary';

export interface XtermHandle {
  terminal: Terminal;
  search: SearchAddon;
  fit(): void;
}

/**
 * Draws a terminal's output in xterm.js: the screen of the terminal's feed (renderer/captures),
 * which owns the byte stream and its parser whether or not this pane is mounted. Bytes go from
 * the feed straight into `terminal.write`, never through React state.
 */
export interface XtermStreamOptions {
  /** A command line the user typed and submitted. */
  onCommand?: ((line: string) => void) | undefined;
  /** A paste too long to send unasked: it is held back and handed here to confirm. */
  onPasteToConfirm?: ((text: string, summary: PasteSummary) => void) | undefined;
  /** Whether anything is selected, each time the selection changes. */
  onSelection?: ((selected: boolean) => void) | undefined;
}

export function useXterm(
  container: RefObject<HTMLDivElement | null>,
  terminalId: string,
  { onCommand, onPasteToConfirm, onSelection }: XtermStreamOptions,
): RefObject<XtermHandle | null> {
  const handle = useRef<XtermHandle | null>(null);
  const onCommandRef = useRef(onCommand);
  onCommandRef.current = onCommand;
  const onPasteRef = useRef(onPasteToConfirm);
  onPasteRef.current = onPasteToConfirm;
  const onSelectionRef = useRef(onSelection);
  onSelectionRef.current = onSelection;

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

    const feed = feedOf(terminalId);
    const detach = feed?.attachScreen({
      write: (bytes, parsed) => terminal.write(bytes, parsed),
      note: (text) => terminal.write(text),
    });
    const unregisterSelection = registerSelection(terminalId, () =>
      terminal.hasSelection() ? terminal.getSelection() : '',
    );
    const selection = terminal.onSelectionChange(() =>
      onSelectionRef.current?.(terminal.hasSelection()),
    );
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
      feed?.sendInput(data);
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
      detach?.();
      unregisterSelection();
      selection.dispose();
      terminal.dispose();
      handle.current = null;
    };
  }, [container, terminalId]);

  return handle;
}
