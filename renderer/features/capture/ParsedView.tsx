import type { CaptureParams } from '../../../shared/captures/recipes';
import type { StackSamples } from '../../../shared/parsers/collapsed/index';
import type { AccessLogModel, ErrorLogModel } from '../../../shared/parsers/nginx/index';
import type { PsModel } from '../../../shared/parsers/ps/index';
import type { PyDumpModel, PySpyTopModel } from '../../../shared/parsers/pyspy/index';
import type { SsModel } from '../../../shared/parsers/ss/index';
import type { StraceModel, StraceSummary } from '../../../shared/parsers/strace/index';
import { useAppStore } from '../../state/store';
import type { Tab } from '../../state/tabsSlice';
import { AccessLogView, ErrorLogView } from '../nginx/NginxViews';
import { ProcessesView } from '../processes/ProcessesView';
import { PySpyTopView } from '../pyspytop/PySpyTopView';
import { RecordView } from '../record/RecordView';
import { SocketsView } from '../sockets/SocketsView';
import { StacksView } from '../stacks/StacksView';
import { StraceSummaryTable, StraceView } from '../strace/StraceView';
import { ThreadTable } from '../threads/ThreadTable';

interface Props {
  tab: Tab & { capture: CaptureParams };
}

/**
 * Picks the view for a capture's parsed model. The worker posts plain data; each parser's
 * model type is fixed by the recipe, which is why the casts below are safe.
 */
export function ParsedView({ tab }: Props) {
  const parsed = useAppStore((s) => s.models[tab.terminalId]);
  const model = parsed?.model ?? null;
  const unparsed = parsed?.unparsedLines ?? 0;
  const params = tab.capture;
  switch (params.recipe) {
    case 'threads':
      return (
        <ThreadTable terminalId={tab.terminalId} connectionId={tab.connectionId} pid={params.pid} />
      );
    case 'host-overview':
      return <ThreadTable terminalId={tab.terminalId} connectionId={tab.connectionId} pid={null} />;
    case 'pyspy-dump':
    case 'gdb-pybt':
      return (
        <StacksView
          model={model as PyDumpModel | null}
          unparsedLines={unparsed}
          {...(tab.focusTid ? { focusTid: tab.focusTid } : {})}
        />
      );
    case 'pyspy-top':
      return <PySpyTopView model={model as PySpyTopModel | null} unparsedLines={unparsed} />;
    case 'pyspy-record':
      return (
        <RecordView
          samples={model as StackSamples | null}
          durationSeconds={params.durationSeconds}
          startedAt={tab.startedAt}
          ended={Boolean(tab.ended)}
        />
      );
    case 'strace':
      return <StraceView model={model as StraceModel | null} unparsedLines={unparsed} />;
    case 'strace-summary':
      return <StraceSummaryTable summary={model as StraceSummary | null} />;
    case 'ps':
      return <ProcessesView model={model as PsModel | null} unparsedLines={unparsed} />;
    case 'ss':
      return <SocketsView model={model as SsModel | null} unparsedLines={unparsed} />;
    case 'nginx-access':
      return <AccessLogView model={model as AccessLogModel | null} unparsedLines={unparsed} />;
    case 'nginx-error':
      return <ErrorLogView model={model as ErrorLogModel | null} unparsedLines={unparsed} />;
  }
}
