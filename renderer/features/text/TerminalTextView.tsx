import './text.css';
import type { TextModel } from '../../../shared/parsers/text/textParser';
import { UnparsedFact } from '../../ui/UnparsedFact';

/** A terminal selection, pinned: the text as it was on the screen, in a terminal's font. */
export function TerminalTextView({
  model,
  unparsedLines,
  overlongLines,
}: {
  model: TextModel | null;
  unparsedLines: number;
  overlongLines?: number;
}) {
  if (!model) return <p className="empty">Waiting for the text…</p>;
  return (
    <section className="terminal-text-view" aria-label="Terminal text">
      <header className="threads-summary">
        <div className="facts mono">
          <span>{model.lines.length} lines selected in a terminal</span>
          {model.droppedLines > 0 && <span>{model.droppedLines} more not kept</span>}
          <UnparsedFact count={unparsedLines} overlong={overlongLines} />
        </div>
      </header>
      <pre className="terminal-text mono">{model.lines.join('\n')}</pre>
    </section>
  );
}
