import { actions } from '../../state/actions';
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
 */
export async function runTriage(
  connectionId: string,
  pid: number,
  onProgress: (steps: StepProgress[]) => void,
): Promise<StepProgress[]> {
  const plan = triagePlan(pid);
  const steps: StepProgress[] = plan.map((step) => ({ label: step.label, state: 'starting' }));
  const update = (index: number, patch: StepProgress) => {
    steps[index] = patch;
    onProgress([...steps]);
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
