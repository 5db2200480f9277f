/** Opening an Insights tab, and running a finding's next step with one action. */
import type { CaptureParamsInput } from '../../../shared/captures/recipes';
import type { NextStep } from '../../../shared/diagnosis';
import { actions } from '../../state/actions';
import { useAppStore } from '../../state/store';

/** The Insights tab of a process on a connection: one per pair, so opening again finds it. */
const insightsTabId = (connectionId: string, pid: number): string =>
  `insights:${connectionId}:${pid}`;

/** Opens the Insights tab of `pid` on `connectionId`, or brings it forward; it becomes active. */
export function openInsights(connectionId: string, pid: number): string {
  const state = useAppStore.getState();
  const terminalId = insightsTabId(connectionId, pid);
  if (state.tabs.some((t) => t.terminalId === terminalId)) state.tabActivated(terminalId);
  else state.tabOpened({ terminalId, connectionId, title: `insights · ${pid}`, insights: { pid } });
  return terminalId;
}

/** A next step's capture as it runs: a repeat becomes dumps `everySeconds` apart, `times` of them. */
export function nextStepParams(step: NextStep): CaptureParamsInput {
  const { capture, repeat } = step;
  if (!repeat || capture.recipe !== 'pyspy-dump') return capture;
  return { ...capture, everySeconds: repeat.everySeconds, count: repeat.times };
}

/** Runs a next step as a capture tab; resolves to why it could not start, or null. */
export function runNextStep(connectionId: string, step: NextStep): Promise<string | null> {
  return actions.startCapture(connectionId, nextStepParams(step), step.focusTid);
}
