import { useCallback } from 'react';
import { commandTyped, stopRecognising } from '../../captures/recognition';
import { useAppStore } from '../../state/store';
import type { Tab } from '../../state/tabsSlice';
import { ParsedView } from '../capture/ParsedView';
import { ResizableSplit } from '../../ui/ResizableSplit';
import { TerminalPane } from '../terminal/TerminalPane';
import { TerminalToggle } from './TerminalToggle';
import { PinButton } from '../notebook/PinButton';

/**
 * A plain shell. When the engineer types one of the incident tools by hand, its output from
 * then on is parsed too, and the parsed view opens beside the terminal.
 */
export function ShellTab({ tab, active }: { tab: Tab; active: boolean }) {
  const recognised = tab.recognised;
  const onCommand = useCallback(
    (line: string) => commandTyped(tab.terminalId, line),
    [tab.terminalId],
  );
  const dismiss = () => stopRecognising(tab.terminalId);

  const pane = <TerminalPane terminalId={tab.terminalId} active={active} onCommand={onCommand} />;
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
              <PinButton />
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
