import './insights.css';
import { useEffect, useRef, useState } from 'react';
import type { Tab } from '../../state/tabsSlice';
import { FindingItem } from './FindingItem';
import { runNextStep } from './insightsActions';
import { useFindings } from './useFindings';

interface Props {
  tab: Tab & { insights: { pid: number } };
  active: boolean;
}

/**
 * The ranked findings about one process, from every capture of it on this connection (and the
 * host-wide ones), updated as their models arrive. ↑↓ move between findings; Enter runs the
 * selected one's first next step.
 */
export function InsightsTab({ tab, active }: Props) {
  const { pid } = tab.insights;
  const { findings, sources, host, captures } = useFindings(tab.connectionId, pid);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const index = Math.max(
    0,
    findings.findIndex((f) => f.id === selectedId),
  );
  const selected = findings[index];
  const titles = Object.fromEntries(sources.map((s) => [s.tab.terminalId, s.tab.title]));
  const running = sources.filter((s) => !s.tab.ended).length;

  useEffect(() => {
    if (active) list.current?.focus({ preventScroll: true });
  }, [active]);
  useEffect(() => {
    list.current?.querySelector('.finding.selected')?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (step !== 0) {
      const next = findings[Math.min(findings.length - 1, Math.max(0, index + step))];
      if (next) setSelectedId(next.id);
    } else if (e.key === 'Enter' && selected?.nextSteps[0]) {
      void runNextStep(tab.connectionId, selected.nextSteps[0]);
    } else return;
    e.preventDefault();
  };

  return (
    <div className="insights-view">
      <header className="insights-head">
        <span>
          Findings for <b className="mono">PID {pid}</b> on <b>{host}</b>
        </span>
        <span className="quiet">
          from {sources.filter((s) => s.parsed).length} of {sources.length} captures
          {running > 0 ? ` · ${running} still running, updated live` : ''}
        </span>
      </header>
      {findings.length === 0 ? (
        <p className="insights-empty quiet" role="status">
          {sources.length === 0
            ? 'No capture of this process yet: triage it (Ctrl+Shift+D) or start a capture.'
            : 'Nothing found in these captures.'}
        </p>
      ) : (
        <ul
          ref={list}
          className="insights-list"
          aria-label="Findings"
          tabIndex={0}
          onKeyDown={onKeyDown}
        >
          {findings.map((f, i) => (
            <FindingItem
              key={f.id}
              finding={f}
              connectionId={tab.connectionId}
              selected={i === index}
              titles={titles}
              captures={captures}
              onSelect={() => setSelectedId(f.id)}
            />
          ))}
        </ul>
      )}
      <footer className="insights-sources quiet">
        read:{' '}
        {sources.map((s) => (
          <span key={s.tab.terminalId} className={s.parsed ? '' : 'pending'}>
            {s.tab.title}
            {s.tab.ended ? '' : ' …'}
          </span>
        ))}
      </footer>
    </div>
  );
}
