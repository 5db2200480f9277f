import { useEffect, useRef, useState } from 'react';
import { notebookActions } from '../notebook/notebookActions';
import { PasteConfirm } from './PasteConfirm';
import type { PasteSummary } from './pasteSummary';
import { useXterm } from './useXterm';

interface Props {
  terminalId: string;
  active: boolean;
  /** A command line the user typed and submitted (shell tabs recognise tools by it). */
  onCommand?: (line: string) => void;
}

/** One xterm.js pane with find (Ctrl+Shift+F). It stays mounted while hidden so no byte is missed. */
export function TerminalPane({ terminalId, active, onCommand }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState(false);
  const [pendingPaste, setPendingPaste] = useState<{ text: string; summary: PasteSummary } | null>(
    null,
  );
  const xterm = useXterm(container, terminalId, {
    onCommand,
    onPasteToConfirm: (text, summary) => setPendingPaste({ text, summary }),
    onSelection: setSelected,
  });
  const [searching, setSearching] = useState(false);
  const [query, setQuery] = useState('');

  useEffect(() => {
    if (!active) return;
    // No fit() here: the pane's ResizeObserver fits it as it is shown. And no scrolling: the
    // pane is in view, and a focus that scrolls forces a layout inside the click (in a flood, a
    // layout of the freshly drawn rows).
    const terminal = xterm.current?.terminal;
    if (terminal?.textarea) terminal.textarea.focus({ preventScroll: true });
    else terminal?.focus();
  }, [active, xterm]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.ctrlKey && event.shiftKey && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      setSearching(true);
    }
  };

  const closePaste = (paste: boolean) => {
    // xterm.js's own paste: line ends become CR and bracketed-paste mode wraps it, as usual.
    if (paste && pendingPaste) xterm.current?.terminal.paste(pendingPaste.text);
    setPendingPaste(null);
    xterm.current?.terminal.focus();
  };

  const find = (backwards: boolean) => {
    const search = xterm.current?.search;
    if (!search || !query) return;
    if (backwards) search.findPrevious(query);
    else search.findNext(query);
  };

  return (
    <div className="terminal-pane" onKeyDownCapture={onKeyDown}>
      {searching && (
        <div className="terminal-search" role="search">
          <input
            autoFocus
            aria-label="Find in terminal"
            placeholder="Find…  (Enter next, Shift+Enter previous, Esc close)"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') find(e.shiftKey);
              if (e.key === 'Escape') {
                setSearching(false);
                xterm.current?.search.clearDecorations();
                xterm.current?.terminal.focus();
              }
            }}
          />
        </div>
      )}
      {selected && (
        <button
          type="button"
          className="terminal-pin"
          title="Pin the selected text to the investigation, with this terminal's recording"
          // Keeps the focus, and so the selection, in the terminal.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => void notebookActions.pinActive()}
        >
          Pin selection (Ctrl+Shift+P)
        </button>
      )}
      {pendingPaste && (
        <PasteConfirm
          summary={pendingPaste.summary}
          onConfirm={() => closePaste(true)}
          onCancel={() => closePaste(false)}
        />
      )}
      <div
        className="terminal-host"
        ref={container}
        data-terminal-id={terminalId}
        aria-label="Terminal"
      />
    </div>
  );
}
