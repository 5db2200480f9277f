import './fleet.css';
import { useShallow } from 'zustand/react/shallow';
import {
  compareFleet,
  type FleetCell,
  type FleetComparison,
} from '../../../shared/fleet/fleetCompare';
import {
  fleetFigures,
  type FigureValue,
  type FleetModel,
} from '../../../shared/fleet/fleetFigures';
import { OUTLIER_RATIO } from '../../../shared/fleet/fleetOutliers';
import { nextStep, type Fleet, type FleetMember } from '../../../shared/fleet/fleetPlan';
import { actions } from '../../state/actions';
import { knownCores } from '../../state/hostsSlice';
import type { ParsedModel } from '../../state/modelsSlice';
import type { Tab } from '../../state/tabsSlice';
import { useAppStore } from '../../state/store';

/** The model a fleet compares, when the tab's parser is one it reads. */
function fleetModel(parsed: ParsedModel | undefined): FleetModel | null {
  if (!parsed) return null;
  switch (parsed.parser) {
    case 'top':
      return { parser: 'top', model: parsed.model };
    case 'strace-summary':
      return { parser: 'strace-summary', model: parsed.model };
    case 'ss':
      return { parser: 'ss', model: parsed.model };
    default:
      return null;
  }
}

/** What a member's capture tab is doing: running, done, lost… */
function memberState(member: FleetMember, tab: Tab | undefined): string {
  if (member.terminalId === null) return member.error ?? 'not started';
  if (!tab) return 'closed';
  if (tab.ended) return 'done';
  return tab.link?.state ?? 'running';
}

/** Each member's figures and state, re-read whenever a model arrives or a tab ends. */
function useMemberFigures(fleet: Fleet): { figures: Record<string, FigureValue>; state: string }[] {
  // Flat and made of the store's own values (models, numbers, strings): shallow-equal until one changes.
  const picked = useAppStore(
    useShallow((s) =>
      fleet.members.flatMap((member) => [
        member.terminalId ? s.models[member.terminalId] : undefined,
        knownCores(s, member.connectionId),
        memberState(
          member,
          s.tabs.find((t) => t.terminalId === member.terminalId),
        ),
      ]),
    ),
  );
  return fleet.members.map((member, index) => {
    const [parsed, cores, state] = picked.slice(index * 3, index * 3 + 3);
    const captured = typeof parsed === 'object' && parsed !== null ? fleetModel(parsed) : null;
    return {
      state: typeof state === 'string' ? state : '',
      figures: captured
        ? fleetFigures(captured, {
            pid: member.pid,
            cores: typeof cores === 'number' ? cores : null,
            seconds: fleet.seconds,
          })
        : {},
    };
  });
}

/** The same capture on several hosts, side by side; the host whose figure stands out is marked. */
export function FleetView({ fleet }: { fleet: Fleet }) {
  const members = useMemberFigures(fleet);
  const comparison = compareFleet(
    fleet.recipe,
    members.map((m) => m.figures),
  );
  const open = (member: FleetMember) => {
    if (member.terminalId) useAppStore.getState().tabActivated(member.terminalId);
  };
  return (
    <div className="fleet-view">
      <FleetVerdict fleet={fleet} comparison={comparison} />
      <table className="data-table fleet-table" aria-label="Fleet comparison">
        <thead>
          <tr>
            <th>host</th>
            <th>process</th>
            <th>capture</th>
            {comparison.columns.map((column) => (
              <th key={column.key} className="num" title={column.title}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {fleet.members.map((member, host) => (
            <tr
              key={member.connectionId}
              className={comparison.outliers.includes(host) ? 'fleet-outlier' : ''}
              aria-label={`Host ${member.hostLabel}`}
            >
              <td>
                <button
                  type="button"
                  className="link"
                  disabled={!member.terminalId}
                  onClick={() => open(member)}
                  title="Show this host's capture tab"
                >
                  {comparison.outliers.includes(host) ? '▲ ' : ''}
                  {member.hostLabel}
                </button>
              </td>
              <td className={`mono ${member.pid === null && member.resolution ? 'warn' : ''}`}>
                {member.resolution || '–'}
              </td>
              <td className="quiet" title={member.error}>
                {members[host]?.state}
              </td>
              {(comparison.rows[host] ?? []).map((cell, column) => (
                <FigureCell
                  key={comparison.columns[column]?.key ?? column}
                  cell={cell}
                  onClick={() => open(member)}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="quiet fleet-note">
        ▲ more than {OUTLIER_RATIO}× the median of the other hosts, and above a level that matters
        on its own (hover a column). A click on a host shows its capture tab.
      </p>
    </div>
  );
}

function FigureCell({ cell, onClick }: { cell: FleetCell; onClick(): void }) {
  return (
    <td
      className={`num mono fleet-cell ${cell.standsOut ? 'stands-out' : ''}`}
      onClick={onClick}
      title={cell.standsOut ? 'Stands out: more than twice the other hosts' : undefined}
    >
      <div>{cell.text}</div>
      {cell.detail && <div className="fleet-detail">{cell.detail}</div>}
    </td>
  );
}

/** One line on top: which host stands out and on what, or that none does (yet). */
function FleetVerdict({ fleet, comparison }: { fleet: Fleet; comparison: FleetComparison }) {
  const { columns, rows, outliers } = comparison;
  const figuresIn = (host: number) =>
    (rows[host] ?? [])
      .map((cell, column) =>
        cell.standsOut ? `${columns[column]?.label ?? ''} ${cell.text}` : null,
      )
      .filter((text): text is string => text !== null);
  const anyFigure = rows.some((row) => row.some((cell) => cell.value !== null));
  return (
    <div className="fleet-verdict" role="status">
      {outliers.length === 0 ? (
        <span className="quiet">
          {anyFigure ? 'No host stands out.' : 'Waiting for the captures…'}
        </span>
      ) : (
        outliers.map((host) => (
          <OutlierLine
            key={host}
            member={fleet.members[host]}
            recipe={fleet.recipe}
            figures={figuresIn(host)}
          />
        ))
      )}
    </div>
  );
}

/** "▲ web-3 stands out: errors/s 4 933…", and the capture that looks closer at it. */
function OutlierLine({
  member,
  recipe,
  figures,
}: {
  member: FleetMember | undefined;
  recipe: Fleet['recipe'];
  figures: string[];
}) {
  if (!member) return null;
  const step = nextStep(recipe, member.pid);
  return (
    <div className="fleet-outlier-line">
      <span className="stands-out">
        ▲ {member.hostLabel} stands out: {figures.join(', ')}
      </span>
      {step && (
        <button
          type="button"
          title={`Start on ${member.hostLabel}: ${step.why}`}
          onClick={() => void actions.startCapture(member.connectionId, step.params)}
        >
          {step.label} on {member.hostLabel}
        </button>
      )}
    </div>
  );
}
