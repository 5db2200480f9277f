import { captureTarget, RECIPES, type CaptureParams } from '../../../shared/captures/recipes';
import { useAppStore } from '../../state/store';
import type { Tab } from '../../state/tabsSlice';
import { StraceTargetExitNote } from '../strace/TargetExitNote';
import { TerminalPane } from '../terminal/TerminalPane';
import { ParsedView } from './ParsedView';
import { ResizableSplit } from '../../ui/ResizableSplit';

interface Props {
  tab: Tab & { capture: CaptureParams };
  active: boolean;
}

/**
 * A capture: the raw terminal on the left, its parsed view on the right, fed by the same bytes
 * (the terminal's feed sends them to both, mounted or not).
 */
export function CaptureTab({ tab, active }: Props) {
  const params = tab.capture;
  const parser = RECIPES[params.recipe].parser;
  return (
    <ResizableSplit
      layoutName="capture"
      label="Resize terminal and parsed view"
      className="split"
      startDefaultPercent={50}
      startMin={300}
      endMin={420}
      startHidden={Boolean(tab.terminalHidden)}
      onStartHiddenChange={(hidden) =>
        useAppStore.getState().terminalHiddenSet(tab.terminalId, hidden)
      }
      start={
        <div className="split-terminal">
          <TerminalPane terminalId={tab.terminalId} active={active} />
        </div>
      }
      end={
        <div className="split-view">
          {params.recipe === 'strace' && (
            <StraceTargetExitNote streamId={tab.terminalId} pid={params.pid} />
          )}
          <ParsedView
            streamId={tab.terminalId}
            parser={parser}
            connectionId={tab.connectionId}
            pid={params.recipe === 'host-overview' ? null : captureTarget(params)}
            {...(tab.focusTid ? { focusTid: tab.focusTid } : {})}
            title={tab.title}
            startedAt={tab.startedAt}
            {...(params.recipe === 'pyspy-record'
              ? {
                  recording: {
                    durationSeconds: params.durationSeconds,
                    ended: Boolean(tab.ended),
                  },
                }
              : {})}
          />
        </div>
      }
    />
  );
}
