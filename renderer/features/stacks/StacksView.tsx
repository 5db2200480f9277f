import { useMemo, useState } from 'react';
import {
  describeFrame,
  groupThreadsByStack,
  summarizeDump,
  type StackGroup,
} from '../../../shared/insights/stacks';
import type { PyDumpModel, PyThread } from '../../../shared/parsers/pyspy/dumpModel';
import { ComparableFlame } from '../compare/ComparableFlame';
import { treeOfDumps } from '../compare/flameSources';
import { UnparsedFact } from '../../ui/UnparsedFact';

interface Props {
  /** The parse stream (for comparisons with other profiles). */
  streamId: string;
  title: string;
  startedAt: number;
  model: PyDumpModel | null;
  unparsedLines: number;
  /** Of those, lines too long to keep. */
  overlongLines?: number;
  /** A thread to show first and highlight (picked from the thread table). */
  focusTid?: number;
  /** The process dumped (gdb's output does not name it). */
  pid?: number | null;
}

function threadLabel(t: PyThread): string {
  const marks = [
    t.ownsGil ? 'GIL' : '',
    t.waitingForGil ? 'waiting for GIL' : '',
    t.active ? 'active' : '',
    t.idle ? 'idle' : '',
  ].filter(Boolean);
  return `${t.tid ?? t.threadId}${t.name ? ` ${t.name}` : ''}${marks.length ? ` (${marks.join(', ')})` : ''}`;
}

function GroupCard({
  group,
  focusTid,
  open,
  toggle,
}: {
  group: StackGroup;
  focusTid?: number;
  open: boolean;
  toggle(): void;
}) {
  const focused = group.threads.some((t) => t.tid === focusTid);
  return (
    <section
      className={`stack-group ${group.idle ? 'idle' : ''} ${group.hasGil ? 'gil' : ''} ${focused ? 'focused' : ''}`}
      aria-label={`Stack shared by ${group.threads.length} threads`}
    >
      <header onClick={toggle}>
        {focused && <span className="badge focus-badge">TID {focusTid}</span>}
        <span className="count mono">{group.threads.length}×</span>
        {group.hasGil && <span className="badge">GIL</span>}
        {group.idle && <span className="quiet">idle</span>}
        <span className="mono top-frame">
          {group.frames[0] ? describeFrame(group.frames[0]) : '(no Python frames)'}
        </span>
        <span className="quiet toggle">{open ? '▾' : '▸'}</span>
      </header>
      {open && (
        <>
          <p className="threads mono">{group.threads.map(threadLabel).join(' · ')}</p>
          <ol className="frames mono">
            {group.frames.map((frame, i) => (
              <li key={i} className={frame.native ? 'native' : ''}>
                <span className="fn">{frame.function}</span>{' '}
                <span className="quiet">
                  {frame.file}
                  {frame.line !== null ? `:${frame.line}` : ''}
                </span>
                {frame.locals && frame.locals.length > 0 && (
                  <div className="locals">
                    {frame.locals.map((l) => (
                      <span key={l.name}>
                        {l.name} = <span className="quiet">{l.value}</span>
                      </span>
                    ))}
                  </div>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** Threads grouped by identical stack, idle ones folded, the GIL holder marked, findings on top. */
export function StacksView({
  streamId,
  title,
  startedAt,
  model,
  unparsedLines,
  overlongLines,
  focusTid,
  pid,
}: Props) {
  const dumps = model?.dumps ?? [];
  const [runOffset, setRunOffset] = useState(0);
  const dump = dumps[Math.max(0, dumps.length - 1 - runOffset)] ?? null;
  const groups = useMemo(() => (dump ? groupThreadsByStack(dump) : []), [dump]);
  const findings = useMemo(() => (dump ? summarizeDump(dump) : []), [dump]);
  const [openKeys, setOpenKeys] = useState<Set<string>>(new Set());
  const [showIdle, setShowIdle] = useState(false);
  const [mode, setMode] = useState<'stacks' | 'flame'>('stacks');
  const aggregated = useMemo(
    () => (mode === 'flame' && model ? treeOfDumps(model) : null),
    [mode, model],
  );

  if (!dump) {
    return (
      <section className="stacks-view">
        <p className="empty">Waiting for a dump…</p>
        {model?.errors.map((e) => (
          <p key={e} className="error" role="alert">
            {e}
          </p>
        ))}
      </section>
    );
  }
  // The thread picked in the thread table comes first, idle or not: it is what was asked for.
  const focusGroup = groups.find((g) => g.threads.some((t) => t.tid === focusTid));
  // Threads queued on a lock are not busy, but they are what to look at: shown open, not folded.
  const shown = (g: StackGroup) => !g.idle || g.lockWait;
  const busy = groups.filter((g) => shown(g) && g !== focusGroup);
  const idle = groups.filter((g) => !shown(g) && g !== focusGroup);
  const lockThreads = groups.filter((g) => g.lockWait).reduce((n, g) => n + g.threads.length, 0);
  const isOpen = (g: StackGroup) =>
    openKeys.has(g.key) !== (shown(g) || g.threads.some((t) => t.tid === focusTid));
  const card = (g: StackGroup) => (
    <GroupCard
      key={g.key}
      group={g}
      focusTid={focusTid}
      open={isOpen(g)}
      toggle={() => toggle(g.key)}
    />
  );
  const toggle = (key: string) =>
    setOpenKeys((s) => {
      const n = new Set(s);
      if (n.has(key)) n.delete(key);
      else n.add(key);
      return n;
    });

  return (
    <section className="stacks-view" aria-label="Python stacks">
      <header className="threads-summary">
        <div className="facts mono">
          <span>PID {dump.pid || pid || '?'}</span>
          {dump.pythonVersion && <span>Python {dump.pythonVersion}</span>}
          <span>{dump.threads.length} threads</span>
          <span>
            {groups.filter((g) => !g.idle).length} busy stacks,{' '}
            {lockThreads > 0 && `${lockThreads} threads waiting on a lock, `}
            {groups.filter((g) => !shown(g)).reduce((n, g) => n + g.threads.length, 0)} idle threads
          </span>
          <span>
            dump {dumps.length - runOffset} of {dumps.length}
          </span>
          <UnparsedFact count={unparsedLines} overlong={overlongLines} />
          {dumps.length > 1 && (
            <span className="buttons">
              <button
                type="button"
                disabled={runOffset >= dumps.length - 1}
                onClick={() => setRunOffset((o) => o + 1)}
              >
                ◀ older
              </button>
              <button
                type="button"
                disabled={runOffset === 0}
                onClick={() => setRunOffset((o) => o - 1)}
              >
                newer ▶
              </button>
            </span>
          )}
        </div>
        {findings.map((f) => (
          <p key={f.text} className="reading" title={f.evidence.join('\n')}>
            {f.text}
          </p>
        ))}
        {model?.errors.map((e) => (
          <p key={e} className="error" role="alert">
            {e}
          </p>
        ))}
        {model?.warnings.map((w) => (
          <p key={w} className="warn">
            {w}
          </p>
        ))}
      </header>
      <nav className="view-tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={mode === 'stacks'}
          onClick={() => setMode('stacks')}
        >
          stacks
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={mode === 'flame'}
          onClick={() => setMode('flame')}
          title="Every busy thread of every dump is one sample"
        >
          flame graph of {dumps.length} dump{dumps.length === 1 ? '' : 's'}
        </button>
      </nav>
      {mode === 'flame' && aggregated ? (
        <ComparableFlame
          sourceId={streamId}
          tree={aggregated}
          startedAt={startedAt}
          title={`${title}: ${aggregated.totalWeight} thread samples from ${dumps.length} dumps`}
        />
      ) : (
        <div className="table-scroll stack-groups">
          {focusGroup && card(focusGroup)}
          {busy.map(card)}
          {idle.length > 0 && (
            <button type="button" className="link fold" onClick={() => setShowIdle((s) => !s)}>
              {showIdle ? '▾' : '▸'} {idle.reduce((n, g) => n + g.threads.length, 0)} idle threads
              in {idle.length} stacks
            </button>
          )}
          {showIdle && idle.map(card)}
        </div>
      )}
    </section>
  );
}
