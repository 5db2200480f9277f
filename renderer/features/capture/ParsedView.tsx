import type { ReactNode } from 'react';
import type { ParserKind } from '../../../shared/captures/captureKinds';
import { isParsedKind, type ParsedModel } from '../../state/modelsSlice';
import { useAppStore } from '../../state/store';
import { AccessLogView, ErrorLogView } from '../nginx/NginxViews';
import { ProcessesView } from '../processes/ProcessesView';
import { PySpyTopView } from '../pyspytop/PySpyTopView';
import { RecordView } from '../record/RecordView';
import { SocketsView } from '../sockets/SocketsView';
import { StacksView } from '../stacks/StacksView';
import { StraceSummaryTable, StraceView } from '../strace/StraceView';
import { TerminalTextView } from '../text/TerminalTextView';
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

type Context = Required<
  Pick<ParsedViewProps, 'streamId' | 'connectionId' | 'title' | 'startedAt'>
> &
  Pick<ParsedViewProps, 'focusTid' | 'recording'> & { pid: number | null };

/** What every view gets: its stream's model (null before the first), typed by its kind. */
interface ViewProps<K extends ParserKind> {
  parsed: ParsedModel<K> | null;
  context: Context;
}

const counts = (parsed: ParsedModel | null) => ({
  unparsedLines: parsed?.unparsedLines ?? 0,
  overlongLines: parsed?.overlongLines ?? 0,
});

function stacks({ parsed, context }: ViewProps<'pyspy-dump' | 'gdb-pybt'>): ReactNode {
  return (
    <StacksView
      streamId={context.streamId}
      title={context.title}
      startedAt={context.startedAt}
      model={parsed?.model ?? null}
      pid={context.pid}
      {...counts(parsed)}
      {...(context.focusTid ? { focusTid: context.focusTid } : {})}
    />
  );
}

/** One view per kind: a kind without a view does not compile. */
const VIEWS: { readonly [K in ParserKind]: (props: ViewProps<K>) => ReactNode } = {
  top: ({ context }) => (
    <ThreadTable
      terminalId={context.streamId}
      connectionId={context.connectionId}
      pid={context.pid}
    />
  ),
  'pyspy-dump': stacks,
  'gdb-pybt': stacks,
  'pyspy-top-screen': ({ parsed }) => (
    <PySpyTopView model={parsed?.model ?? null} {...counts(parsed)} />
  ),
  collapsed: ({ parsed, context }) => (
    <RecordView
      streamId={context.streamId}
      model={parsed?.model ?? null}
      title={context.title}
      startedAt={context.startedAt}
      {...(context.recording ? { recording: context.recording } : {})}
    />
  ),
  strace: ({ parsed, context }) => (
    <StraceView model={parsed?.model ?? null} {...counts(parsed)} tracedPid={context.pid} />
  ),
  'strace-summary': ({ parsed }) => (
    <StraceSummaryTable summary={parsed?.model ?? null} {...counts(parsed)} />
  ),
  ps: ({ parsed }) => <ProcessesView model={parsed?.model ?? null} {...counts(parsed)} />,
  ss: ({ parsed }) => <SocketsView model={parsed?.model ?? null} {...counts(parsed)} />,
  'nginx-access': ({ parsed }) => (
    <AccessLogView model={parsed?.model ?? null} {...counts(parsed)} />
  ),
  'nginx-error': ({ parsed }) => <ErrorLogView model={parsed?.model ?? null} {...counts(parsed)} />,
  text: ({ parsed }) => <TerminalTextView model={parsed?.model ?? null} {...counts(parsed)} />,
};

function viewOf<K extends ParserKind>(
  kind: K,
  parsed: ParsedModel | undefined,
  context: Context,
): ReactNode {
  const view = VIEWS[kind];
  return view({ parsed: parsed && isParsedKind(parsed, kind) ? parsed : null, context });
}

/** Picks the view for a parse stream's model; the registry's kinds type each model. */
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
  return viewOf(parser, parsed, {
    streamId,
    connectionId,
    pid,
    title,
    startedAt,
    ...(focusTid !== undefined ? { focusTid } : {}),
    ...(recording ? { recording } : {}),
  });
}
