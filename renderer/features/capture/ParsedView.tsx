import type { ParserKind } from '../../../shared/captures/recipes';
import type { AccessLogModel, ErrorLogModel } from '../../../shared/parsers/nginx/index';
import type { PsModel } from '../../../shared/parsers/ps/index';
import type { PyDumpModel, PySpyTopModel } from '../../../shared/parsers/pyspy/index';
import type { SsModel } from '../../../shared/parsers/ss/index';
import type { StraceModel, StraceSummary } from '../../../shared/parsers/strace/index';
import { useAppStore } from '../../state/store';
import type { FlameModel } from '../../workers/parseProtocol';
import { AccessLogView, ErrorLogView } from '../nginx/NginxViews';
import { ProcessesView } from '../processes/ProcessesView';
import { PySpyTopView } from '../pyspytop/PySpyTopView';
import { RecordView } from '../record/RecordView';
import { SocketsView } from '../sockets/SocketsView';
import { StacksView } from '../stacks/StacksView';
import { StraceSummaryTable, StraceView } from '../strace/StraceView';
import { ThreadTable } from '../threads/ThreadTable';

export interface ParsedViewProps {
  /** The parse stream (a terminal id, or an id of its own for a paste or a recognised command). */
  streamId: string;
  parser: ParserKind;
  connectionId: string;
  /** The capture's target: `top -H -p`'s process (the thread table's totals), `strace -p`'s process or thread (lines without a pid prefix), the process dumped; null for the whole host. */
  pid?: number | null;
  focusTid?: number;
  /** A py-spy record: its duration and whether it ended. */
  recording?: { durationSeconds: number; ended: boolean };
  /** For flame graphs: a name and a start time, to tell profiles apart in comparisons. */
  title?: string;
  startedAt?: number;
}

/**
 * Picks the view for a parsed model. The worker posts plain data; each parser's model type
 * is fixed by the parser kind, which is why the casts below are safe.
 */
export function ParsedView({
  streamId,
  parser,
  connectionId,
  pid = null,
  focusTid,
  recording,
  title = 'stacks',
  startedAt = 0,
}: ParsedViewProps) {
  const parsed = useAppStore((s) => s.models[streamId]);
  const model = parsed?.model ?? null;
  const unparsed = parsed?.unparsedLines ?? 0;
  const overlong = parsed?.overlongLines ?? 0;
  switch (parser) {
    case 'top':
      return <ThreadTable terminalId={streamId} connectionId={connectionId} pid={pid} />;
    case 'pyspy-dump':
    case 'gdb-pybt':
      return (
        <StacksView
          streamId={streamId}
          title={title}
          startedAt={startedAt}
          model={model as PyDumpModel | null}
          pid={pid}
          unparsedLines={unparsed}
          overlongLines={overlong}
          {...(focusTid ? { focusTid } : {})}
        />
      );
    case 'pyspy-top-screen':
      return (
        <PySpyTopView
          model={model as PySpyTopModel | null}
          unparsedLines={unparsed}
          overlongLines={overlong}
        />
      );
    case 'collapsed':
      return (
        <RecordView
          streamId={streamId}
          model={model as FlameModel | null}
          title={title}
          startedAt={startedAt}
          {...(recording ? { recording } : {})}
        />
      );
    case 'strace':
      return (
        <StraceView
          model={model as StraceModel | null}
          unparsedLines={unparsed}
          overlongLines={overlong}
          tracedPid={pid}
        />
      );
    case 'strace-summary':
      return (
        <StraceSummaryTable
          summary={model as StraceSummary | null}
          unparsedLines={unparsed}
          overlongLines={overlong}
        />
      );
    case 'ps':
      return (
        <ProcessesView
          model={model as PsModel | null}
          unparsedLines={unparsed}
          overlongLines={overlong}
        />
      );
    case 'ss':
      return (
        <SocketsView
          model={model as SsModel | null}
          unparsedLines={unparsed}
          overlongLines={overlong}
        />
      );
    case 'nginx-access':
      return (
        <AccessLogView
          model={model as AccessLogModel | null}
          unparsedLines={unparsed}
          overlongLines={overlong}
        />
      );
    case 'nginx-error':
      return (
        <ErrorLogView
          model={model as ErrorLogModel | null}
          unparsedLines={unparsed}
          overlongLines={overlong}
        />
      );
  }
}
