import { useEffect, useRef } from 'react';
import { formatBytes, type PasteSummary } from './pasteSummary';

interface Props {
  summary: PasteSummary;
  onConfirm(): void;
  onCancel(): void;
}

/** Asks before a multi-line or large paste reaches the shell: Enter pastes, Esc cancels. */
export function PasteConfirm({ summary, onConfirm, onCancel }: Props) {
  const pasteButton = useRef<HTMLButtonElement>(null);
  useEffect(() => pasteButton.current?.focus(), []);
  const lines = `${summary.lines.toLocaleString('en')} line${summary.lines === 1 ? '' : 's'}`;
  return (
    <div
      className="paste-confirm"
      role="alertdialog"
      aria-label="Confirm paste"
      aria-describedby="paste-confirm-what"
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <p id="paste-confirm-what">
        Paste <strong>{lines}</strong> ({formatBytes(summary.bytes)}) into this terminal? A shell
        may run each line as a command.
      </p>
      <pre className="paste-preview" aria-label="Start of the pasted text">
        {summary.preview.join('\n')}
        {summary.lines > summary.preview.length ? '\n…' : ''}
      </pre>
      <div className="paste-actions">
        <button type="button" ref={pasteButton} className="primary" onClick={onConfirm}>
          Paste
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <span className="quiet">Enter pastes · Esc cancels</span>
      </div>
    </div>
  );
}
