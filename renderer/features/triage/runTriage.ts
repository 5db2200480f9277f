import { actions } from '../../state/actions';
import { useAppStore } from '../../state/store';
import { openInsights } from '../insights/insightsActions';
import { triagePlan } from './triagePlan';

export interface StepProgress {
  label: string;
  state: 'starting' | 'started' | 'failed';
  /** Why it failed, or what stood in for it. */
  note?: string;
}

/**
 * Starts every triage capture of `pid` at once, each in its own tab (the tabs are the evidence
 * the findings link to); a step that cannot start tries its fallback. Reports progress as it goes.
 * The process's Insights tab opens first and stays in front as the capture tabs open behind it.
 */
export async function runTriage(
  connectionId: string,
  pid: number,
  onProgress: (steps: StepProgress[]) => void,
): Promise<StepProgress[]> {
  const plan = triagePlan(pid);
  const steps: StepProgress[] = plan.map((step) => ({ label: step.label, state: 'starting' }));
  const insightsId = openInsights(connectionId, pid);
  const update = (index: number, patch: StepProgress) => {
    steps[index] = patch;
    onProgress([...steps]);
    // A capture tab opens active: the findings stay in front.
    useAppStore.getState().tabActivated(insightsId);
  };
  onProgress([...steps]);
  await Promise.all(
    plan.map(async (step, index) => {
      const failure = await actions.startCapture(connectionId, step.params);
      if (failure === null) return update(index, { label: step.label, state: 'started' });
      if (!step.fallback)
        return update(index, { label: step.label, state: 'failed', note: failure });
      const fallbackFailure = await actions.startCapture(connectionId, step.fallback.params);
      update(
        index,
        fallbackFailure === null
          ? { label: step.fallback.label, state: 'started', note: failure }
          : { label: step.label, state: 'failed', note: `${failure} ${fallbackFailure}` },
      );
    }),
  );
  return steps;
}
