import { useRef, useState } from 'react';
import { isParserKind, type ParserKind } from '../../../shared/captures/captureKinds';
import { RECIPES } from '../../../shared/captures/recipes';
import { recogniseOutput } from '../../../shared/parsers/recognise';
import { recogniseCast, type RecordedTool } from '../../../shared/parsers/recogniseCast';
import { useAppStore } from '../../state/store';
import { parseStreams } from '../../captures/parseStreams';
import { pastedInputs } from '../../captures/pastedInputs';
import type { ParserOptions } from '../../../shared/captures/captureKinds';

const PARSERS: { parser: ParserKind; label: string }[] = [
  ...new Map(
    Object.values(RECIPES).map((r) => [r.parser, { parser: r.parser, label: r.title }]),
  ).values(),
];

/** A recording is replayed: its output goes to the parser as the live terminal's did. */
function castOptions(tool: RecordedTool | null): ParserOptions {
  return {
    cast: { skipBytes: tool?.skipBytes ?? 0 },
    ungated: !tool?.gated,
    screen: tool?.screen ?? false,
  };
}

/** Chromium reports a file changed on disk since it was picked as a "network error". */
function readFailure(name: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const changed = /network error|NotReadable/i.test(`${message} ${String(error)}`);
  return `Reading ${name} stopped: ${message}${changed ? ` (it changed on disk after it was picked: pick it again)` : ''}`;
}

let pastes = 0;
/** What recognition reads of a file: its start. */
const HEAD_BYTES = 64 * 1024;

/**
 * Paste a tool's output (from a chat, a ticket, another terminal) or open a saved file (an
 * exported profile, a log): recognised by its structure and parsed.
 */
export function PasteDialog({ onDone }: { onDone(): void }) {
  const [text, setText] = useState('');
  const [file, setFile] = useState<{ file: File; head: string } | null>(null);
  const [choice, setChoice] = useState<ParserKind | ''>('');
  const picks = useRef(0);
  const sample = file ? file.head : text;
  const cast = recogniseCast(sample);
  const found = cast ? cast.tool : sample.trim() ? recogniseOutput(sample) : null;
  const parser = choice || found?.parser || null;

  const analyse = () => {
    if (!parser) return;
    const terminalId = `paste-${++pastes}`;
    const kind =
      found && !choice ? found.label : (PARSERS.find((p) => p.parser === parser)?.label ?? parser);
    const label = file ? `${file.file.name} (${kind})` : `${kind} #${pastes}`;
    const state = useAppStore.getState();
    const connectionId =
      state.tabs.find((t) => t.terminalId === state.activeTabId)?.connectionId ?? '';
    state.tabOpened({
      terminalId,
      connectionId,
      title: file ? file.file.name : `pasted ${label}`,
      pasted: { parser, label },
    });
    const options = cast
      ? castOptions(cast.tool)
      : { ungated: true, screen: false, savedText: true };
    const source = file?.file;
    pastedInputs.keep(terminalId, {
      read: () => (source ? source.text() : Promise.resolve(text)),
      options,
    });
    if (file) {
      const { name } = file.file;
      parseStreams
        .parseBlob(terminalId, parser, file.file, options)
        .catch((error: unknown) =>
          useAppStore.getState().noticeRaised('error', readFailure(name, error)),
        );
    } else parseStreams.parseText(terminalId, parser, text, options);
    onDone();
  };

  const openFile = async (input: HTMLInputElement) => {
    const picked = input.files?.[0];
    // Emptied, so that picking the same file again (saved anew since) is a change too: the old
    // File is a snapshot, and reading it after the file changed fails ("network error").
    input.value = '';
    const pick = ++picks.current;
    if (!picked) return;
    const head = await picked.slice(0, HEAD_BYTES).text();
    // A later pick whose head was read first wins.
    if (pick === picks.current) setFile({ file: picked, head });
  };

  return (
    <div
      className="popover capture-dialog"
      role="dialog"
      aria-label="Paste output"
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      <h3>Paste output</h3>
      <label className="file-pick">
        Or open a file
        <input
          type="file"
          aria-label="Open a file"
          onChange={(e) => void openFile(e.currentTarget)}
        />
      </label>
      {file && (
        <p className="quiet">
          {file.file.name}: {(file.file.size / 1e6).toFixed(1)} MB, read in the background.{' '}
          <button type="button" className="link" onClick={() => setFile(null)}>
            Paste instead
          </button>
        </p>
      )}
      <textarea
        aria-label="Pasted output"
        rows={12}
        autoFocus
        disabled={file !== null}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="top, top -H, py-spy dump (text or --json), py-spy top, strace, strace -c, gdb py-bt, ps, ss, nginx logs, collapsed stacks… or open a file: any of these, or a terminal recording (.cast)"
        spellCheck={false}
      />
      <p className={found ? 'quiet' : 'warn'}>
        {sample.trim() === ''
          ? ' '
          : found
            ? `Looks like ${found.label}${cast ? ', recorded: its output is replayed' : ''}.`
            : cast
              ? 'A terminal recording of no tool known here: pick what it shows.'
              : 'Not recognised: pick what it is.'}
      </p>
      <label>
        Parse as
        <select
          aria-label="Parse as"
          value={choice}
          onChange={(e) => setChoice(isParserKind(e.target.value) ? e.target.value : '')}
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
