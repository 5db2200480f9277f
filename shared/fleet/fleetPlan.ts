/** What a fleet tab compares: one capture, and for each host the tab that runs it there. */
import type { CaptureParamsInput } from '../captures/recipes';
import type { FleetRecipe } from './fleetFigures';

export interface FleetMember {
  connectionId: string;
  hostLabel: string;
  /** The host's capture tab; null when it did not start (no match, or an error). */
  terminalId: string | null;
  /** The process it attaches to (or whose CPU host-overview reads); null if none. */
  pid: number | null;
  /** How the process was found: "PID 1234", "PID 1234 (busiest of 3)", "no match". */
  resolution: string;
  /** Why the capture did not start. */
  error?: string;
}

export interface Fleet {
  recipe: FleetRecipe;
  /** strace -c: how long each traces. */
  seconds: number | null;
  members: FleetMember[];
}

/** Whether the capture needs a process on each host (it attaches to it or watches only it). */
export const needsProcess = (recipe: FleetRecipe): boolean =>
  recipe === 'threads' || recipe === 'strace-summary';

/** Whether a pattern may name a process for the capture (host-overview reads its CPU). */
export const takesProcess = (recipe: FleetRecipe): boolean =>
  needsProcess(recipe) || recipe === 'host-overview';

/** The capture's parameters on one host, or null when it needs a process and has none. */
export function fleetParams(
  recipe: FleetRecipe,
  pid: number | null,
  seconds: number,
): CaptureParamsInput | null {
  switch (recipe) {
    case 'host-overview':
      return { recipe };
    case 'ss':
      return { recipe };
    case 'threads':
      return pid === null ? null : { recipe, pid };
    case 'strace-summary':
      return pid === null ? null : { recipe, pid, seconds };
  }
}

/** The fleet tab's title: "fleet · strace -c 5s · 3 hosts". */
export function fleetTitle(fleet: Fleet): string {
  const what: Record<FleetRecipe, string> = {
    'host-overview': 'top',
    threads: 'top -H',
    'strace-summary': `strace -c ${fleet.seconds ?? ''}s`,
    ss: 'ss',
  };
  return `fleet · ${what[fleet.recipe]} · ${fleet.members.length} hosts`;
}

/** What to run next on a host that stands out: the look the fleet's capture cannot give. */
export function nextStep(
  recipe: FleetRecipe,
  pid: number | null,
): { label: string; why: string; params: CaptureParamsInput } | null {
  if (pid === null) return null;
  switch (recipe) {
    case 'strace-summary':
      // strace -c counts the errors; only the calls themselves say which errno, on what path.
      return {
        label: `strace ${pid}`,
        why: 'the calls themselves: which errno, on which file or socket',
        params: { recipe: 'strace', pid },
      };
    case 'host-overview':
      return {
        label: `threads of ${pid}`,
        why: 'which thread of the process is busy',
        params: { recipe: 'threads', pid },
      };
    case 'threads':
      return {
        label: `strace -c ${pid}`,
        why: 'where its time goes in the kernel',
        params: { recipe: 'strace-summary', pid, seconds: 5 },
      };
    case 'ss':
      return null;
  }
}
