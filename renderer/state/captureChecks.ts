import { RECIPES } from '../../shared/captures/recipes';
import { describeTargetState } from '../../shared/captures/targetProbe';
import { report, store, workbenchClient } from './client';

/**
 * py-spy and strace pause their target while they sample or attach; if one of them dies at the
 * wrong moment the process stays stopped (state T). Checked when such a capture ends. A `t`
 * that lasts (the Node side reads it again over a second) is another tracer at work: named,
 * and not offered a SIGCONT, which would not release it.
 */
export async function checkTargetAfterCapture(terminalId: string): Promise<void> {
  const tab = store().tabs.find((t) => t.terminalId === terminalId);
  const params = tab?.capture;
  if (!tab || !params || !RECIPES[params.recipe].attaches || !('pid' in params)) return;
  const { connectionId } = tab;
  const pid = params.pid;
  const state = await workbenchClient()
    .call('capture.targetState', { connectionId, pid })
    .catch(() => null);
  if (!state?.exists) return;
  if (state.state === 't') {
    const held = describeTargetState(pid, state);
    if (held) store().noticeRaised('info', held);
    return;
  }
  if (state.state !== 'T') return;
  store().noticeRaised(
    'error',
    `Process ${pid} (${state.name ?? '?'}) was left stopped (state T) after ${RECIPES[params.recipe].tool}.`,
    {
      label: 'Continue it (kill -CONT)',
      run: () =>
        void workbenchClient()
          .call('capture.continueTarget', { connectionId, pid })
          .then(
            (after) =>
              store().noticeRaised('info', `Process ${pid} is now in state ${after.state ?? '?'}.`),
            report,
          ),
    },
  );
}
