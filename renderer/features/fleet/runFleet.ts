import type { Fleet, FleetMember } from '../../../shared/fleet/fleetPlan';
import { fleetParams, fleetTitle } from '../../../shared/fleet/fleetPlan';
import type { FleetRecipe } from '../../../shared/fleet/fleetFigures';
import { actions } from '../../state/actions';
import { useAppStore } from '../../state/store';

/** One host of the fleet as the dialog resolved it. */
export interface FleetHost {
  connectionId: string;
  hostLabel: string;
  pid: number | null;
  resolution: string;
}

let fleetsOpened = 0;

/**
 * Starts the capture on every host at once, each in its own tab as any capture, then opens the
 * fleet tab that compares them. A host without a process to attach to keeps its row ("no match").
 */
export async function runFleet(
  recipe: FleetRecipe,
  seconds: number,
  hosts: readonly FleetHost[],
): Promise<Fleet> {
  const members = await Promise.all(
    hosts.map(async (host): Promise<FleetMember> => {
      const base = { ...host, terminalId: null };
      const params = fleetParams(recipe, host.pid, seconds);
      if (params === null) return base;
      const started = await actions.startCaptureTab(host.connectionId, params);
      return 'error' in started
        ? { ...base, error: started.error }
        : { ...base, terminalId: started.terminalId };
    }),
  );
  const fleet: Fleet = {
    recipe,
    seconds: recipe === 'strace-summary' ? seconds : null,
    members,
  };
  fleetsOpened += 1;
  useAppStore.getState().tabOpened({
    terminalId: `fleet-${Date.now()}-${fleetsOpened}`,
    // A fleet tab belongs to no one connection.
    connectionId: '',
    title: fleetTitle(fleet),
    fleet,
  });
  return fleet;
}
