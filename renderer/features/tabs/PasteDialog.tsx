import { useState } from 'react';
import { RECIPES, type ParserKind } from '../../../shared/captures/recipes';
import { recogniseOutput } from '../../../shared/parsers/recognise';
import { useAppStore } from '../../state/store';
import { parseStreams } from '../../workers/parseClient';

const PARSERS: { parser: ParserKind; label: string }[] = [
  ...new Map(
    Object.values(RECIPES).map((r) => [r.parser, { parser: r.parser, label: r.title }]),
  ).values(),
];

let pastes = 0;

/** Paste a tool's output (from a chat, a ticket, another terminal): recognised and parsed. */
export function PasteDialog({ onDone }: { onDone(): void }) {
  const [text, setText] = useState('');
  const [choice, setChoice] = useState<ParserKind | ''>('');
  const found = text.trim() ? recogniseOutput(text) : null;
  const parser = choice || found?.parser || null;

  const analyse = () => {
    if (!parser) return;
    const terminalId = `paste-${++pastes}`;
    const label =
      found && !choice ? found.label : (PARSERS.find((p) => p.parser === parser)?.label ?? parser);
    const state = useAppStore.getState();
    const connectionId =
      state.tabs.find((t) => t.terminalId === state.activeTabId)?.connectionId ?? '';
    state.tabOpened({
      terminalId,
      connectionId,
      title: `pasted ${label}`,
      pasted: { parser, label },
    });
    parseStreams.parseText(terminalId, parser, text, { ungated: true, screen: false });
    onDone();
  };

  return (
    <div
      className="popover capture-dialog"
      role="dialog"
      aria-label="Paste output"
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      <h3>Paste output</h3>
      <textarea
        aria-label="Pasted output"
        rows={12}
        autoFocus
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="top, top -H, py-spy dump, strace, strace -c, gdb py-bt, ps, ss, nginx logs, collapsed stacks…"
        spellCheck={false}
      />
      <p className={found ? 'quiet' : 'warn'}>
        {text.trim() === ''
          ? ' '
          : found
            ? `Looks like ${found.label}.`
            : 'Not recognised: pick what it is.'}
      </p>
      <label>
        Parse as
        <select
          aria-label="Parse as"
          value={choice}
          onChange={(e) => setChoice(e.target.value as ParserKind | '')}
        >
          <option value="">{found ? `${found.label} (recognised)` : '—'}</option>
          {PARSERS.map((p) => (
            <option key={p.parser} value={p.parser}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <div className="buttons">
        <button type="button" className="primary" disabled={!parser} onClick={analyse}>
          Analyse
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}
