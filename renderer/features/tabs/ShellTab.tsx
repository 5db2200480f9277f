import { useCallback } from 'react';
import { recogniseCommand, redrawsScreen } from '../../../shared/parsers/recognise';
import { useAppStore } from '../../state/store';
import type { Tab } from '../../state/tabsSlice';
import { parseStreams } from '../../workers/parseClient';
import { ParsedView } from '../capture/ParsedView';
import { ResizableSplit } from '../../ui/ResizableSplit';
import { TerminalPane } from '../terminal/TerminalPane';
import { TerminalToggle } from './TerminalToggle';

let recognitions = 0;

/**
 * A plain shell. When the engineer types one of the incident tools by hand, its output from
 * then on is parsed too, and the parsed view opens beside the terminal.
 */
export function ShellTab({ tab, active }: { tab: Tab; active: boolean }) {
  const recognised = tab.recognised;
  const onCommand = useCallback(
    (line: string) => {
      const found = recogniseCommand(line);
      if (!found) return;
      const previous = recognisedNow(tab.terminalId);
      if (previous) parseStreams.close(previous.streamId);
      // Interactive top and py-spy top redraw the screen: their screen is what gets parsed.
      const screen = redrawsScreen(found, line);
      const streamId = `${tab.terminalId}-r${++recognitions}`;
      parseStreams.open(streamId, found.parser, screen ? { screen: true } : undefined);
      useAppStore.getState().commandRecognised(tab.terminalId, { ...found, streamId, screen });
    },
    [tab.terminalId],
  );
  const onBytes = useCallback(
    (bytes: Uint8Array) => {
      const current = recognisedNow(tab.terminalId);
      if (current) parseStreams.feed(current.streamId, bytes);
    },
    [tab.terminalId],
  );
  // The shell ended: the recognised tool's parser gets its last line and posts its final model.
  const ended = useCallback(() => {
    const current = recognisedNow(tab.terminalId);
    if (current) parseStreams.close(current.streamId);
  }, [tab.terminalId]);
  const dismiss = () => {
    if (recognised) parseStreams.close(recognised.streamId);
    useAppStore.getState().commandRecognised(tab.terminalId, null);
    useAppStore.getState().terminalHiddenSet(tab.terminalId, false);
  };

  const pane = (
    <TerminalPane
      terminalId={tab.terminalId}
      active={active}
      onBytes={onBytes}
      onCommand={onCommand}
      onEnd={ended}
    />
  );
  return (
    <ResizableSplit
      layoutName="shell"
      label="Resize terminal and parsed view"
      className="split"
      startDefaultPercent={50}
      startMin={300}
      endMin={420}
      startHidden={Boolean(tab.terminalHidden)}
      onStartHiddenChange={(hidden) =>
        useAppStore.getState().terminalHiddenSet(tab.terminalId, hidden)
      }
      start={<div className="split-terminal">{pane}</div>}
      end={
        recognised ? (
          <div className="split-view">
            <div className="recognised-bar" role="status">
              Recognised <b className="mono">{recognised.label}</b>: its output is parsed as it
              comes.
              <TerminalToggle tab={tab} />
              <button type="button" className="link" onClick={dismiss} aria-label="Stop parsing">
                ×
              </button>
            </div>
            <ParsedView
              streamId={recognised.streamId}
              parser={recognised.parser}
              connectionId={tab.connectionId}
              pid={
                recognised.label === 'top -H' || recognised.parser === 'strace'
                  ? (recognised.pid ?? null)
                  : null
              }
              title={recognised.label}
              startedAt={tab.startedAt}
            />
          </div>
        ) : null
      }
    />
  );
}

/** The tool recognised in a shell tab, read from the store now (byte callbacks outlive renders). */
function recognisedNow(terminalId: string): Tab['recognised'] {
  return useAppStore.getState().tabs.find((t) => t.terminalId === terminalId)?.recognised;
}
